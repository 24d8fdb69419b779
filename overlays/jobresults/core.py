"""The core every client is built on, for the generated clients and for clients of your own.

    BaseClient / AsyncBaseClient   construction from `ClientOptions`, one call path per
                                   operation (`_request`), context management
    ClientOptions                  how a client talks to its service (frozen)
    RequestOptions                 what one call may set for itself (`timeout`, `max_retries`)
    RetryPolicy                    when to retry and how long to wait first
    Service, Operation, Parameter  what a spec says of a service and its operations
    JobRule                        how a job of the service reads
    ApiResponse                    a typed result with the HTTP response it came from

The generated modules `jobresults_api.<service>` subclass the two base clients; the service
packages (`jobresults.wickson`, ...) subclass those.
"""

from ._client_base import AsyncBaseClient, BaseClient
from ._options import ClientOptionArgs, ClientOptions, RequestOptions, TimeoutTypes
from ._response import ApiResponse
from ._retry import RetryPolicy
from ._service import JobRule, Operation, Parameter, Service

__all__ = [
    "ApiResponse",
    "AsyncBaseClient",
    "BaseClient",
    "ClientOptionArgs",
    "ClientOptions",
    "JobRule",
    "Operation",
    "Parameter",
    "RequestOptions",
    "RetryPolicy",
    "Service",
    "TimeoutTypes",
]
