"""Safe text templates for specs: ``{name}`` substitution of declared variables only.

``str.format`` on untrusted text can reach attributes (``{x.__class__}``), index into objects
(``{0.__globals__}``), or ask for huge paddings (``{x:>999999999}``). A :class:`Template` accepts
only bare identifiers from a declared set, with no conversion and no format spec, and checks this
when it is built, so a bad template is a load-time :class:`~textgym.errors.SpecError`.
"""

from __future__ import annotations

import re
import string
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from textgym.errors import SpecError

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@dataclass(frozen=True, slots=True)
class Template:
    """A text with ``{variable}`` slots, restricted to ``variables``.

    Literal braces are written ``{{`` and ``}}``.

    Example:
        >>> t = Template.parse("Is it {answer}? {{sure}}", variables={"answer"})
        >>> t.render(answer="Paris")
        'Is it Paris? {sure}'
        >>> Template.parse("{answer.__class__}", variables={"answer"})
        Traceback (most recent call last):
        ...
        textgym.errors.SpecError: <spec>: template: '{answer.__class__}' may only name a declared variable, got 'answer.__class__' (declared: answer)
    """

    text: str
    fields: tuple[str, ...]

    @classmethod
    def parse(
        cls,
        text: str,
        variables: Collection[str],
        *,
        path: str | None = None,
        field: str = "template",
    ) -> Template:
        """Check ``text`` and build the template; raise :class:`SpecError` naming ``field``."""
        if not isinstance(text, str):
            raise SpecError(f"expected a string template, got {type(text).__name__}", path=path, field=field)
        declared = ", ".join(sorted(variables)) or "none"
        try:
            parts = list(string.Formatter().parse(text))
        except ValueError as error:
            raise SpecError(f"malformed template ({error}); write literal braces as '{{{{' and '}}}}'", path=path, field=field) from None
        names: list[str] = []
        for _, name, spec, conversion in parts:
            if name is None:
                continue
            if not _IDENTIFIER.match(name):
                raise SpecError(
                    f"'{{{name}}}' may only name a declared variable, got {name!r} (declared: {declared})",
                    path=path,
                    field=field,
                )
            if name not in variables:
                raise SpecError(
                    f"unknown template variable {{{name}}} (declared: {declared})", path=path, field=field
                )
            if conversion or spec:
                raise SpecError(
                    f"'{{{name}}}' may not use a conversion or format spec ('!{conversion or ''}', ':{spec or ''}')",
                    path=path,
                    field=field,
                )
            names.append(name)
        return cls(text=text, fields=tuple(dict.fromkeys(names)))

    def render(self, values: Mapping[str, object] | None = None, /, **kwargs: object) -> str:
        """Substitute the variables; every variable the template uses must be given."""
        merged = {**values, **kwargs} if kwargs and values else (values or kwargs)
        try:
            return self.text.format_map(merged)  # fields are bare names, checked at parse time
        except KeyError:
            missing = [name for name in self.fields if name not in merged]
            raise KeyError(f"template {self.text!r} needs values for {missing}") from None

    def __str__(self) -> str:
        return self.text
