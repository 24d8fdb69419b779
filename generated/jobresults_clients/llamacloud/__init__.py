"""A client library for accessing LlamaCloud extraction job result"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
