"""The public page cache: whole pages kept for anonymous visitors, always current.

Which pages: views marked with `page_cache_tags` (a class attribute, or `cached_page()` for
function views), asked for with GET or HEAD by a visitor who is not signed in. A signed-in
user's pages (staff see drafts under a preview banner) are never served from the cache nor
stored, and they are sent with `Cache-Control: private, no-store`.

What is stored: the page as the view and the middleware below this one made it, before the
outer middleware adds per-visitor parts (the language cookie, the session's Vary). A
response that sets a cookie, used a CSRF token, changed the session, varies on the cookie
or forbids storing is never stored.

How it stays current: every stored page lists the *tags* it was built from, each with the
version it had then. A tag names one record (`members.region:42`), what is filed under it
(`members.region:42/children`: its contacts, events, hosted meetings ...), every record of
a model (`members.region`, for pages that list or count them) or the whole site (`site`).
The records a page shows are noted as they are loaded (post_init); the models it lists are
declared by its view, and the records whose children it lists noted by the view with
`note_children_shown()`. An edit gives the tags it affects new versions (see
association/page_invalidation.py), so every page built from the old versions is stale at
once, in every process that shares the cache (Redis with REDIS_URL).

One more key, the *epoch*, changes with every edit: a hit whose epoch is still the one it
was built under is current without reading its tags (one cache round-trip); otherwise the
tags are read in one more round-trip. A page whose build saw the epoch change is not stored.
"""

import contextvars
import hashlib
import logging
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    has_vary_header,
    patch_cache_control,
    set_response_etag,
)

logger = logging.getLogger(__name__)

SITE_TAG = "site"
EPOCH_KEY = "epoch"
CACHE_STATUS_HEADER = "X-Page-Cache"

# The tags of the page being built in this thread, while it is being built.
_collected_tags = contextvars.ContextVar("collected_page_tags", default=None)


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def model_tag(model):
    """The tag of every record of a model: `members.region`."""
    return model._meta.concrete_model._meta.label_lower


def record_tag(model, pk):
    """The tag of one record: `members.region:42`."""
    return f"{model_tag(model)}:{pk}"


def children_tag(model, pk):
    """The tag of what is filed under one record (a region's contacts, events, hosted
    meetings ...; a country's regions): the pages that list them, `members.region:42/children`.
    """
    return f"{record_tag(model, pk)}/children"


def tag_key(tag):
    return f"tag:{tag}"


def new_version():
    return uuid.uuid4().hex


def cached_page(*tags, query=()):
    """Marks a function view as a public page the cache keeps; `tags`: the models it lists,
    `query`: the query parameters it reads (each value gets its own entry)."""

    def decorate(view):
        @wraps(view)
        def cached_view(*args, **kwargs):
            return view(*args, **kwargs)

        cached_view.page_cache_tags = tuple(tags)
        cached_view.page_cache_query = tuple(query)
        return cached_view

    return decorate


def declared_tags(view_func):
    """The tags a view declares (the models whose records it lists or counts), or None when
    its pages are not cached. Views declare models, or tag strings."""
    tags = getattr(view_func, "page_cache_tags", None)
    if tags is None:
        tags = getattr(getattr(view_func, "view_class", None), "page_cache_tags", None)
    if tags is None:
        return None
    return tuple(tag if isinstance(tag, str) else model_tag(tag) for tag in tags)


def note_loaded_record(sender, instance, **kwargs):
    """post_init receiver: a content record loaded while a page is built is a tag of it."""
    tags = _collected_tags.get()
    if tags is not None and instance.pk is not None:
        tags.add(record_tag(sender, instance.pk))


def note_children_shown(*records):
    """Tells the page being built that it lists what is filed under these records."""
    tags = _collected_tags.get()
    if tags is not None:
        tags.update(children_tag(type(record), record.pk) for record in records)


def bump(tags):
    """Gives the tags new versions: every page built from the old ones is stale, everywhere."""
    version = new_version()
    values = {tag_key(tag): version for tag in tags}
    values[EPOCH_KEY] = version
    page_cache().set_many(values, timeout=None)


def entry_key(request):
    """One entry per address: scheme, host, language prefix, path and query string."""
    address = request.build_absolute_uri()
    return "page:" + hashlib.sha256(address.encode()).hexdigest()


class _Build:
    """A page being built for the cache: where it goes and what it depends on."""

    def __init__(self, key, epoch, tags):
        self.key = key
        self.epoch = epoch
        self.tags = set(tags)


_PRIVATE = object()
_HIT = object()


class PageCacheMiddleware:
    """Serves and stores the public pages of anonymous visitors; see the module's docstring.

    Sits after AuthenticationMiddleware and RememberLanguageMiddleware: the language cookie
    is set for each visitor on the way out, never stored with a page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
        finally:
            state = getattr(request, "_page_cache", None)
            if isinstance(state, _Build):
                _collected_tags.set(None)
        if state is None:
            return response
        if state is _HIT:
            return self._conditional(request, response)
        if state is _PRIVATE:
            add_never_cache_headers(response)
            return response
        if response.status_code == 200 and not response.streaming:
            self._make_public(response)
            if state.key is not None:
                if self._storable(request, response):
                    self._store(state, response)
                response[CACHE_STATUS_HEADER] = "miss"
            return self._conditional(request, response)
        return response

    @staticmethod
    def _conditional(request, response):
        """304 for HEAD too (ConditionalGetMiddleware, further out, answers GET alone)."""
        if request.method != "HEAD" or response.status_code != 200:
            return response
        return get_conditional_response(request, etag=response.get("ETag"), response=response)

    def process_view(self, request, view_func, view_args, view_kwargs):
        tags = declared_tags(view_func)
        if tags is None:
            return None
        if request.user.is_authenticated:
            request._page_cache = _PRIVATE
            return None
        if request.method not in ("GET", "HEAD"):
            return None
        if not settings.PAGE_CACHE_ENABLED or not self._known_query(request, view_func):
            request._page_cache = _Build(None, None, ())  # public headers, nothing stored
            return None
        key = entry_key(request)
        try:
            return self._lookup(request, key, tags)
        except Exception:  # a cache that does not answer must not take the site down
            logger.exception("Page cache: lookup failed; serving the page uncached")
            return None

    @staticmethod
    def _known_query(request, view_func):
        """Only the query parameters a view reads make pages of their own (`?status=` on the
        members page); others (`?utm_source=`, random ones) are answered without the cache,
        so nobody can fill it with copies of one page."""
        if not request.GET:
            return True
        known = getattr(getattr(view_func, "view_class", view_func), "page_cache_query", ())
        return all(name in known and len(request.GET.getlist(name)) == 1 for name in request.GET)

    def _lookup(self, request, key, tags):
        cache = page_cache()
        found = cache.get_many([key, EPOCH_KEY])
        epoch = found.get(EPOCH_KEY)
        entry = found.get(key)
        if entry is not None and self._is_current(cache, key, entry, epoch):
            request._page_cache = _HIT
            return self._response(request, entry)
        if epoch is None:
            cache.add(EPOCH_KEY, new_version(), timeout=None)
            epoch = cache.get(EPOCH_KEY)
        build = _Build(key, epoch, (SITE_TAG, *tags))
        request._page_cache = build
        _collected_tags.set(build.tags)
        return None

    @staticmethod
    def _is_current(cache, key, entry, epoch):
        built_epoch, versions = entry["epoch"], entry["versions"]
        if epoch is not None and built_epoch == epoch:
            return True
        found = cache.get_many(list(versions))
        if any(found.get(name) != version for name, version in versions.items()):
            return False
        if epoch is not None:
            # Still current under the new epoch: the next hit needs one round-trip again.
            cache.set(key, {**entry, "epoch": epoch}, settings.PAGE_CACHE_TIMEOUT)
        return True

    @staticmethod
    def _response(request, entry):
        content = entry["content"]
        response = HttpResponse(b"" if request.method == "HEAD" else content)
        response.status_code = entry["status"]
        for name, value in entry["headers"]:
            response[name] = value
        if request.method == "HEAD":
            response["Content-Length"] = str(len(content))
        response[CACHE_STATUS_HEADER] = "hit"
        return response

    @staticmethod
    def _make_public(response):
        """Anyone may keep the page, but must ask again (If-None-Match) before showing it."""
        patch_cache_control(
            response, public=True, max_age=settings.PAGE_MAX_AGE, must_revalidate=True
        )
        if not response.has_header("ETag"):
            set_response_etag(response)

    @staticmethod
    def _storable(request, response):
        session = getattr(request, "session", None)
        cache_control = response.get("Cache-Control", "")
        return not (
            response.cookies
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or (session is not None and session.modified)
            or has_vary_header(response, "Cookie")
            or "private" in cache_control
            or "no-store" in cache_control
        )

    @staticmethod
    def _store(build, response):
        cache = page_cache()
        try:
            keys = [tag_key(tag) for tag in build.tags]
            found = cache.get_many([*keys, EPOCH_KEY])
            if found.get(EPOCH_KEY) != build.epoch:
                return  # something changed while the page was built
            missing = {key: new_version() for key in keys if key not in found}
            if missing:
                cache.set_many(missing, timeout=None)
                if cache.get(EPOCH_KEY) != build.epoch:
                    return
                found.update(missing)
            entry = {
                "epoch": build.epoch,
                "versions": {key: found[key] for key in keys},
                "status": response.status_code,
                "headers": list(response.items()),
                "content": response.content,
            }
            cache.set(build.key, entry, settings.PAGE_CACHE_TIMEOUT)
        except Exception:
            logger.exception("Page cache: storing a page failed")
