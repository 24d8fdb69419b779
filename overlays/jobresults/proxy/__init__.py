"""A validating reverse proxy: any client, in any language, talks to a service through it, and
every response is checked against the service's spec on the way.

    jobresults proxy wickson --upstream https://api.wickson.ai --record session.har

or from Python (a free loopback port, in a background thread):

    from jobresults.proxy import ProxyServer
    with ProxyServer("wickson", "https://api.wickson.ai") as proxy:
        proxy.url                        # http://127.0.0.1:PORT: the spec's base URL
        proxy.report()                   # what GET /_proxy/report returns

Each request is forwarded unchanged (method, path, query, headers and body; the hop-by-hop
headers of RFC 9110 section 7.6.1 are handled) to the upstream URL followed by the request's
path, matched to the spec's operation, and its response is validated (status, headers, content
type, body; strict unless `strict=False`) and answered as received plus
`X-Jobresults-Violations: N`. See `ProxyConfig` for every option and the package's README for
the whole story.
"""

from __future__ import annotations

from .._extras import require

require("mock", "the validating proxy (jobresults.proxy)")

from .._serving import BackgroundServer  # noqa: E402
from ._app import ProxyApp, create_app  # noqa: E402
from ._config import MODES, Mode, ProxyConfig  # noqa: E402
from ._forward import UpstreamFailure  # noqa: E402
from ._server import ProxyServer, serve  # noqa: E402

__all__ = [
    "MODES",
    "BackgroundServer",
    "Mode",
    "ProxyApp",
    "ProxyConfig",
    "ProxyServer",
    "UpstreamFailure",
    "create_app",
    "serve",
]
