// AG Grid cell renderers for links: a real link only for http(s), plain text otherwise.
var dagcomponentfuncs = (window.dashAgGridComponentFunctions = window.dashAgGridComponentFunctions || {});

function safeUrl(url) {
  // The validator's rule: http(s) only; no spaces, quotes, angle brackets or backslashes; no user info.
  return /^https?:\/\/[^\s"<>\\]+$/i.test(url) && !/^https?:\/\/[^\/?#]*@/i.test(url);
}

// A UN document symbol, meeting record or press release number, linked to the page the server derived from it
// (tracker/undocs.py puts it in the row as `<column>_url`).
dagcomponentfuncs.DocumentLink = function (props) {
  var text = props.value == null ? "" : String(props.value);
  var url = props.data && props.colDef ? props.data[props.colDef.field + "_url"] : null;
  if (!text || typeof url !== "string" || !safeUrl(url)) {
    return React.createElement("span", null, text);
  }
  return React.createElement("a", { href: url, target: "_blank", rel: "noopener noreferrer", title: url }, text);
};

dagcomponentfuncs.SourceLink = function (props) {
  var url = props.value == null ? "" : String(props.value);
  if (!safeUrl(url)) {
    return React.createElement("span", null, url);
  }
  var host = url.replace(/^https?:\/\//i, "").split("/")[0];
  return React.createElement("a", { href: url, target: "_blank", rel: "noopener noreferrer", title: url }, host);
};
