"""A minimal cookie-keeping HTTP client (urllib only) that can also show a redirect as is."""

from __future__ import annotations

import http.cookiejar
import uuid
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

# A browser that Discuz's checkrobot() does not take for a robot (no bot/crawl/spider).
BROWSER_UA = ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")


@dataclass
class Response:
    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes = field(repr=False)
    charset: str = "utf-8"  # the one the visitor reads pages in (``Browser.charset``)

    @property
    def text(self) -> str:
        return self.body.decode(self.charset, errors="replace")

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D102
        return None


class Browser:
    """One visitor: a User-Agent and a cookie jar (a login lasts as long as the object).

    ``charset``: the site's, which the visitor reads pages in and sends forms in, as a browser
    does: a character the charset lacks goes as a decimal reference (``&#20013;``, the HTML
    standard's form encoding). A page labelled ISO-8859-1 is windows-1252 to a browser (the
    Encoding standard): pass ``cp1252``.
    """

    def __init__(self, user_agent: str = BROWSER_UA, charset: str = "utf-8") -> None:
        self.user_agent = user_agent
        self.charset = charset
        self.cookies = http.cookiejar.CookieJar()
        cookie_handler = urllib.request.HTTPCookieProcessor(self.cookies)
        self._following = urllib.request.build_opener(cookie_handler)
        self._not_following = urllib.request.build_opener(cookie_handler, _NoRedirect())

    def get(self, url: str, *, follow: bool = True, timeout: float = 60) -> Response:
        return self._open(urllib.request.Request(url), follow, timeout)

    def post(self, url: str, form: dict[str, str] | list[tuple[str, str]], *,
             follow: bool = True, timeout: float = 60) -> Response:
        data = urllib.parse.urlencode(form, encoding=self.charset, errors="xmlcharrefreplace").encode()
        return self._open(urllib.request.Request(url, data=data), follow, timeout)

    def post_files(self, url: str, form: dict[str, str], files: list[tuple[str, str, bytes]], *,
                   timeout: float = 60) -> Response:
        """A ``multipart/form-data`` POST, as a form with file inputs sends it; ``files``:
        (input name, file name, bytes)."""
        boundary = f"----harness{uuid.uuid4().hex}"
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode(
                     self.charset, "xmlcharrefreplace") for name, value in form.items()]
        parts += [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                  f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n"
                  for name, filename, data in files]
        request = urllib.request.Request(url, data=b"".join(parts) + f"--{boundary}--\r\n".encode())
        request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
        return self._open(request, True, timeout)

    def _open(self, request: urllib.request.Request, follow: bool, timeout: float) -> Response:
        request.add_header("User-Agent", self.user_agent)
        opener = self._following if follow else self._not_following
        try:
            with opener.open(request, timeout=timeout) as answer:
                return Response(answer.geturl(), answer.status, list(answer.headers.items()),
                                answer.read(), self.charset)
        except urllib.error.HTTPError as error:
            # With redirects off a 3xx lands here too: it is an answer, not a failure.
            return Response(request.full_url, error.code, list(error.headers.items()),
                            error.read(), self.charset)
