"""Reading a response body within a size limit, undoing its Content-Encoding as it arrives.

httpx decodes bodies too, but when a body is not what its Content-Encoding says, httpx raises
and the bytes received are gone. Decoding here keeps them: the raw body stays on the response
for the error to show. Decompression is bounded, so a small compressed body cannot expand past
the size limit in memory (a "zip bomb").
"""

from __future__ import annotations

import io
import zlib
from typing import Final, Protocol

import httpx

ACCEPT_ENCODING: Final = "gzip, deflate"
"""The encodings requested (and undone by `BodyReader`)."""


class BodyTooLargeError(Exception):
    """The body, as received or once decoded, grew past the limit; `.received` is what came."""

    def __init__(self, received: bytes) -> None:
        super().__init__("body too large")
        self.received = received


class _Decoder(Protocol):
    def decode(self, data: bytes, max_length: int) -> bytes: ...

    def finish(self) -> bytes: ...


class _Zlib:
    """gzip, or deflate with or without its zlib wrapper (servers send both).

    A gzip body may hold several members one after the other (RFC 1952): each is undone in
    turn. Bytes after the last member that do not start another one, or any bytes after the
    end of a deflate stream, are an error rather than silently dropped.
    """

    def __init__(self, coding: str) -> None:
        self.coding = coding
        wbits = zlib.MAX_WBITS | 16 if coding == "gzip" else zlib.MAX_WBITS
        self._stream = zlib.decompressobj(wbits)
        self._started = False

    def decode(self, data: bytes, max_length: int) -> bytes:
        if not self._started and data:
            self._started = True
            if self.coding == "deflate":
                try:
                    decoded = self._stream.decompress(data, max_length)
                except zlib.error:
                    self._stream = zlib.decompressobj(-zlib.MAX_WBITS)
                else:
                    return self._after_end(decoded, max_length)
        return self._after_end(self._stream.decompress(data, max_length), max_length)

    def _after_end(self, decoded: bytes, max_length: int) -> bytes:
        """`decoded`, followed by what the next gzip members give of the bytes left over."""
        while self._stream.eof and self._stream.unused_data:
            rest = self._stream.unused_data
            if self.coding != "gzip":
                raise zlib.error(f"{len(rest)} bytes after the end of the deflate stream")
            self._stream = zlib.decompressobj(zlib.MAX_WBITS | 16)
            try:
                decoded += self._stream.decompress(rest, max(1, max_length - len(decoded)))
            except zlib.error as error:
                raise zlib.error(f"bytes after the last gzip member ({error})") from None
        return decoded

    def finish(self) -> bytes:
        rest = self._stream.flush()
        if self._started and not self._stream.eof:
            raise zlib.error("the compressed body ends early")
        return rest


def _decoder(coding: str) -> _Decoder | None:
    if coding in ("gzip", "x-gzip"):
        return _Zlib("gzip")
    if coding == "deflate":
        return _Zlib("deflate")
    return None


class BodyReader:
    """Collects a body's raw chunks (`feed`), decoded as its Content-Encoding says (`finish`).

    Raises `BodyTooLargeError` as soon as the body, raw or decoded, passes `limit` bytes. A body
    that cannot be decoded is kept raw, and `problem` says why.
    """

    def __init__(self, content_encoding: str, limit: int) -> None:
        self.limit = limit
        self.problem: str | None = None
        self._decoded = io.BytesIO()
        self._plain: list[bytes] = []
        """The chunks of a body sent without Content-Encoding, kept as they came (a body that
        arrived whole, as from an in-memory transport, is then never copied)."""
        self._raw: io.BytesIO | None = None
        self._raw_size = 0
        self._decoders: list[_Decoder] = []
        codings = [part.strip().lower() for part in content_encoding.split(",")]
        codings = [coding for coding in codings if coding not in ("", "identity")]
        if not codings:
            return
        self._raw = io.BytesIO()
        for coding in reversed(codings):  # the encoding applied last is undone first
            decoder = _decoder(coding)
            if decoder is None:
                self.problem = f"the body's Content-Encoding {coding!r} is not supported"
                return
            self._decoders.append(decoder)
        self._codings = ", ".join(codings)

    def feed(self, chunk: bytes) -> None:
        """Take the next raw chunk."""
        self._raw_size += len(chunk)
        if self._raw is None:
            self._check(self._raw_size, chunk)
            self._plain.append(chunk)
            return
        self._raw.write(chunk)
        self._check(self._raw_size)
        if self.problem is None:
            self._decode(chunk, final=False)

    def finish(self) -> bytes:
        """The whole body: decoded, or raw if it could not be decoded (see `problem`)."""
        if self._raw is None:
            return self._plain[0] if len(self._plain) == 1 else b"".join(self._plain)
        if self.problem is None:
            self._decode(b"", final=True)
        return self._raw.getvalue() if self.problem is not None else self._decoded.getvalue()

    def received(self) -> bytes:
        """What arrived so far, raw."""
        if self._raw is None:
            return b"".join(self._plain)
        return self._raw.getvalue()

    def _check(self, size: int, pending: bytes = b"") -> None:
        if size > self.limit:
            raise BodyTooLargeError(self.received() + pending)

    def _decode(self, data: bytes, *, final: bool) -> None:
        try:
            for decoder in self._decoders:
                room = self.limit - self._decoded.tell()
                data = decoder.decode(data, room + 1)
                if final:
                    data += decoder.finish()
                self._check(self._decoded.tell() + len(data))
        except zlib.error as error:
            self.problem = f"the body is not valid {self._codings} as its Content-Encoding says"
            self.problem += f" ({error})"
            return
        self._decoded.write(data)


def keep_body(response: httpx.Response, body: bytes) -> None:
    """Store `body` (as decoded here, or raw when it could not be) as the content of a response
    whose body was not read yet, through httpx's own `read()`, and drop the spent stream.

    The body is handed to `read()` on a fresh in-memory stream while the response's headers say
    no Content-Encoding (the encoding was undone already; the headers are put back after), so
    httpx keeps it as it is. Replacing the stream also breaks the cycle between httpx's stream
    wrapper and the response, which only the cyclic garbage collector frees: each response goes
    as soon as it is no longer used, which keeps memory flat while many pages stream through.
    """
    headers = response.headers
    encoded = "content-encoding" in headers
    if encoded:
        response.headers = httpx.Headers(
            [(name, value) for name, value in headers.multi_items() if name != "content-encoding"]
        )
    response.stream = httpx.ByteStream(body)
    response.is_stream_consumed = False
    response.is_closed = False
    try:
        response.read()
    finally:
        if encoded:
            response.headers = headers
