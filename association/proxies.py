"""The visitor's address when the site stands behind reverse proxies (load balancer, CDN).

Each proxy appends the address it received the request from to X-Forwarded-For, so with
REVERSE_PROXY_COUNT proxies in front, the visitor is that many entries from the right.
Entries further left were written by the visitor and may be forged: they are ignored.
"""

from django.conf import settings


def client_address(request):
    count = settings.REVERSE_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR", "")
    if count <= 0:
        return remote
    entries = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(entries) < count:
        return remote
    return entries[-count]
