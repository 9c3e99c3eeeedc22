"""Which cached pages an edit makes stale, cleared when the edit is committed.

Every save or delete of a content record, however it is made (admin, publish actions, the
demo content loader, history revert and recover: all save through the ORM), gives new
versions to these tags (see association/page_cache.py):

- the record's own tag (`members.region:42`): every page that showed it;
- its model's tag (`members.region`): the pages that list or count the model's records;
- the children tags of the records it points to, before and after the edit (a region's
  country, a contact's region, a meeting's committee and host region): the pages that
  list it under them (`members.region:42/children`);
- the whole site (`site`) when an existing record is published or unpublished: pages may
  filter other records by its publication (a committee's meetings on the host region's
  page, a region's events on an assembly's page) without showing it, so every page is
  rebuilt. A record created or deleted needs no more than the tags above: the pages that
  show it carry its tag, those that list it its model's or its parent's.

Changes to an activity's other participating regions clear the activity's pages.
The new versions are written on transaction commit, never before: a page rebuilt in
between cannot pick up the old state under the new versions.
"""

import logging
from functools import cache, partial

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save, pre_save

from association.page_cache import (
    SITE_TAG,
    bump,
    children_tag,
    model_tag,
    note_loaded_record,
    record_tag,
)
from association.roles import CONTENT_MODELS

logger = logging.getLogger(__name__)


def content_models():
    return [apps.get_model(label) for label in CONTENT_MODELS]


@cache
def _parent_fields(model):
    """The foreign keys of a content model that point to another content record."""
    content = set(content_models())
    return tuple(
        field
        for field in model._meta.concrete_fields
        if field.many_to_one and field.related_model in content
    )


@cache
def _is_publishable(model):
    return any(field.name == "is_published" for field in model._meta.concrete_fields)


def _record_tags(instance, values=None):
    """The record's own tag, its model's and the children tags of the records it points to."""
    model = type(instance)
    tags = {model_tag(model), record_tag(model, instance.pk)}
    for field in _parent_fields(model):
        value = values[field.attname] if values is not None else getattr(instance, field.attname)
        if value is not None:
            tags.add(children_tag(field.related_model, value))
    return tags


def clear_on_commit(tags, using=None):
    """Clears the pages of these tags once the current transaction commits (at once outside one)."""
    transaction.on_commit(partial(_clear, frozenset(tags)), using=using)


def _clear(tags):
    try:
        bump(tags)
    except Exception:
        # The edit is committed; an editor must not see it fail for the cache's sake.
        logger.exception("Page cache: clearing %s failed; cached pages may be stale", sorted(tags))


def remember_state_before_save(sender, instance, raw=False, using=None, **kwargs):
    """pre_save: the stored parents and publication, to clear the pages they were on too."""
    instance._page_cache_before = None
    if instance.pk is None:
        return
    names = [field.attname for field in _parent_fields(sender)]
    if _is_publishable(sender):
        names.append("is_published")
    if not names:
        names = ["pk"]
    instance._page_cache_before = (
        sender._base_manager.using(using).filter(pk=instance.pk).values(*names).first()
    )


def clear_after_save(sender, instance, created=False, using=None, **kwargs):
    before = instance.__dict__.pop("_page_cache_before", None)
    tags = _record_tags(instance)
    if before is not None:
        tags |= _record_tags(instance, before)
    if (
        before is not None
        and _is_publishable(sender)
        and before["is_published"] != instance.is_published
    ):
        tags.add(SITE_TAG)
    clear_on_commit(tags, using)


def clear_after_delete(sender, instance, using=None, **kwargs):
    clear_on_commit(_record_tags(instance), using)


def clear_after_participants_change(sender, instance, action, reverse, model, pk_set, **kwargs):
    """An activity's other participating regions changed (from either side): the pages that
    show the activity carry its tag."""
    activity_model = model if reverse else type(instance)
    if reverse and action == "pre_clear":
        # A region leaves every activity: which ones is known only before.
        pk_set = set(instance.shared_activities.values_list("pk", flat=True))
    elif not action.startswith("post_") or (reverse and action == "post_clear"):
        return
    activities = pk_set if reverse else {instance.pk}
    tags = {record_tag(activity_model, pk) for pk in activities or ()}
    if tags:
        tags.add(model_tag(activity_model))
        clear_on_commit(tags, kwargs.get("using"))


def connect():
    """Connects the receivers above, and the page builder's record of what a page loads."""
    for model in content_models():
        uid = f"page-cache:{model._meta.label_lower}"
        post_init.connect(note_loaded_record, sender=model, dispatch_uid=uid)
        pre_save.connect(remember_state_before_save, sender=model, dispatch_uid=uid)
        post_save.connect(clear_after_save, sender=model, dispatch_uid=uid)
        post_delete.connect(clear_after_delete, sender=model, dispatch_uid=uid)
    participants = apps.get_model("members.Activity").participants.through
    m2m_changed.connect(
        clear_after_participants_change, sender=participants, dispatch_uid="page-cache:participants"
    )
