// AG Grid cell renderer for source URLs: a real link only for http(s), plain text otherwise.
var dagcomponentfuncs = (window.dashAgGridComponentFunctions = window.dashAgGridComponentFunctions || {});

dagcomponentfuncs.SourceLink = function (props) {
  var url = props.value == null ? "" : String(props.value);
  // The validator's rule: http(s) only; no spaces, quotes, angle brackets or backslashes; no user info.
  if (!/^https?:\/\/[^\s"<>\\]+$/i.test(url) || /^https?:\/\/[^\/?#]*@/i.test(url)) {
    return React.createElement("span", null, url);
  }
  var host = url.replace(/^https?:\/\//i, "").split("/")[0];
  return React.createElement("a", { href: url, target: "_blank", rel: "noopener noreferrer", title: url }, host);
};
