"""Markdown tables of the schema, generated from `schema.py` for datasets/README.md."""

from __future__ import annotations

from tracker.schema import CLASS_MEANINGS, TABLES


def schema_markdown() -> str:
    parts = []
    for table in TABLES:
        dates = f" (dates: {table.date_convention})" if table.dated else ""
        parts.append(f"### `{table.filename}`{dates}\n")
        parts.append("| column | type | required | allowed | meaning |\n|---|---|---|---|---|")
        for f in table.fields:
            required = "yes" if f.required else ("column" if f.contract else "no")
            allowed = table.allowed(f).replace("|", "\\|")
            parts.append(f"| `{f.name}` | {f.type} | {required} | {allowed} | {f.description} |")
        parts.append("")
    parts.append("### Missile classes\n\n| class | meaning |\n|---|---|")
    parts.extend(f"| `{name}` | {meaning} |" for name, meaning in CLASS_MEANINGS.items())
    return "\n".join(parts) + "\n"
