"""
Hooks for other JSON libraries: the wire form of our objects inside their documents.

`default` is the ``default=`` of ``json.dumps`` and ``orjson.dumps``: both
call it for every object they do not know, which is every record and value
of ours, so a document holding records is written in our wire format.

msgspec is different, and the difference is why there is no
``msgspec_enc_hook`` that pretends otherwise: msgspec encodes and decodes
attrs classes itself, field by field, and calls its hooks only for types
it does not know (msgspec issue #671, open).  It would write a `USCC` as
``{"value": ...}`` and call the hook only for a record's ``extras``; it
would build a record without calling its ``__init__``, so without any of
its checks.  `default` therefore refuses the ``extras`` msgspec hands it,
with a message that says what to do instead: give msgspec our bytes as a
``msgspec.Raw`` (`msgspec_raw`), and read a ``msgspec.Raw`` field with
`gxai_policy.from_json`, which takes it as it takes ``bytes``.
"""

from __future__ import annotations

from typing import Any

import msgspec

from gxai_policy.errors import ParseError, ValidationError
from gxai_policy.records._base import Extras

# No __all__: a private module of gxai_policy.wire, which exports what is public.

_MSGSPEC_ADVICE = (
    "msgspec encodes attrs records field by field, not in gxai_policy's wire format, and "
    "calls enc_hook only for their extras: encode gp.to_dict(record), or embed "
    "gxai_policy.wire.msgspec_raw(record) (the record's own JSON bytes) in the document"
)


def default(obj: Any) -> Any:
    """
    The wire form of a record, value, list of them or error, for ``default=`` of a JSON library.

    ``json.dumps(doc, default=default)`` and ``orjson.dumps(doc, default=default)``
    write every record and value in *doc* as `gxai_policy.to_dict` does.

    Raises:
        TypeError: For an object without a wire form, as ``default=`` hooks
            do, and for a record's ``extras`` (msgspec's ``enc_hook`` is
            given them while it writes the record in its own form: see
            `msgspec_raw`).

    >>> import json, gxai_policy as gp
    >>> from gxai_policy.wire import default
    >>> json.dumps({"city": gp.RegionCode("450100")}, default=default)
    '{"city": "450100"}'
    >>> json.dumps({"when": object()}, default=default)
    Traceback (most recent call last):
      ...
    TypeError: <class 'object'> has no wire form: ...
    """
    from gxai_policy.wire import to_dict

    if isinstance(obj, Extras):
        raise TypeError(_MSGSPEC_ADVICE)
    if isinstance(obj, ValidationError | ParseError):
        return obj.to_dict()
    return to_dict(obj)


def msgspec_raw(obj: Any) -> msgspec.Raw:
    """
    *obj*'s canonical JSON (`gxai_policy.to_json_bytes`) as a ``msgspec.Raw``, for msgspec output.

    msgspec copies a ``Raw`` into the document as it is, so the records in
    ``msgspec.json.encode({"items": msgspec_raw(records)})`` are in our wire
    format; a ``msgspec.Raw`` field read back goes to `gxai_policy.from_json`.

    >>> import msgspec, gxai_policy as gp
    >>> from gxai_policy.wire import msgspec_raw
    >>> msgspec.json.encode({"city": msgspec_raw(gp.RegionCode("450100"))})
    b'{"city":"450100"}'
    >>> msgspec_raw(object())
    Traceback (most recent call last):
      ...
    TypeError: <class 'object'> has no wire form: ...
    """
    from gxai_policy.wire import to_json_bytes

    return msgspec.Raw(to_json_bytes(obj))
