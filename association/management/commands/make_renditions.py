"""Makes the missing renditions of every stored emblem and photo (for example after a deploy)."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from association.renditions import RenditionsField


def renditions_fields():
    """(model, field) for every RenditionsField of the project's models."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, RenditionsField):
                yield model, field


class Command(BaseCommand):
    help = _(
        "Makes the smaller copies (WebP and JPEG or PNG) of every emblem and photo that lacks "
        "them. Safe to run again: images whose copies are all there are left alone."
    )

    def handle(self, *args, **options):
        made = checked = 0
        for model, field in renditions_fields():
            image_field = model._meta.get_field(field.image_field)
            records = model._base_manager.exclude(**{image_field.name: ""}).order_by("pk")
            for record in records.iterator():
                checked += 1
                field_file = getattr(record, image_field.name)
                if not field_file.storage.exists(field_file.name):
                    self.stderr.write(
                        _("%(model)s %(pk)s: the image %(name)s is missing from storage.")
                        % {
                            "model": model._meta.verbose_name,
                            "pk": record.pk,
                            "name": field_file.name,
                        }
                    )
                    continue
                if field.refresh(record, check_storage=True):
                    made += 1
        self.stdout.write(
            _("%(checked)d images checked, renditions made for %(made)d.")
            % {"checked": checked, "made": made}
        )
