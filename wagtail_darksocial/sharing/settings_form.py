"""The admin form of Settings › Dark social sharing.

Channels are a checkbox list the editor reorders with up and down buttons (a small
script, ``admin/channel_order.js``; without it the order still saves, as shown). A
blank field follows the ``WAGTAIL_DARKSOCIAL`` default, and the form says what that
default is: the boxes start as the default list, selects read "Default (…)" and the
campaign field shows it as a placeholder.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .. import channels
from ..conf import get_setting
from .site_settings import button_channels, default_channels

DEFAULTED_CHOICES = {
    "copy_attribution": "COPY_ATTRIBUTION",
    "bar_position": "BAR_POSITION",
    "button_style": "BUTTON_STYLE",
}


class ChannelOrderWidget(forms.Widget):
    """Checkboxes in display order, ticked ones first, each with up and down buttons.

    Submits one value per ticked box, in page order; ``value_from_datadict`` joins them.
    """

    template_name = "wagtail_darksocial/admin/channel_order.html"

    class Media:
        js = ["wagtail_darksocial/admin/channel_order.js"]
        css = {"all": ["wagtail_darksocial/admin/channel_order.css"]}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = [n.strip() for n in (value or "").split(",") if n.strip()]
        chosen = chosen or list(default_channels())
        offered = {entry.name: entry for entry in button_channels()}
        order = [n for n in chosen if n in offered] + [n for n in offered if n not in chosen]
        context["widget"]["options"] = [
            {
                "value": name,
                "label": offered[name].label,
                "checked": name in chosen,
                "id": f"{attrs.get('id', name)}_{index}",
            }
            for index, name in enumerate(order)
        ]
        context["widget"]["default_labels"] = ", ".join(
            str(channels.BY_NAME[n].label) for n in default_channels()
        )
        return context

    def value_from_datadict(self, data, files, name):
        return ",".join(data.getlist(name))

    def value_omitted_from_data(self, data, files, name):
        return False  # no box ticked is a value too (refused by the form)


class ShareSettingsForm(WagtailAdminModelForm):
    """``ShareSettings``' form, with the defaults shown (set as its ``base_form_class``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "channels" in self.fields:
            self.fields["channels"].widget = ChannelOrderWidget()
        for name, setting in DEFAULTED_CHOICES.items():
            field = self.fields.get(name)
            if field is None:
                continue
            labels = dict(field.choices)
            default = labels.get(get_setting(setting), get_setting(setting))
            field.choices = [("", _("Default (%(value)s)") % {"value": default})] + [
                choice for choice in field.choices if choice[0]
            ]
        if "utm_campaign" in self.fields:
            campaign = get_setting("UTM_CAMPAIGN")
            self.fields["utm_campaign"].widget.attrs["placeholder"] = campaign
            self.fields["utm_campaign"].help_text = _("Default: %(value)s") % {"value": campaign}

    def clean_channels(self):
        names = [n for n in self.cleaned_data["channels"].split(",") if n]
        if not names:
            raise ValidationError(_("Tick at least one channel."))
        offered = {entry.name for entry in button_channels()}
        hidden = [
            n for n in names if n.strip() in channels.SHARE_NAMES and n.strip() not in offered
        ]
        if hidden:  # a tampered form: Messenger without FACEBOOK_APP_ID shows no button
            raise ValidationError(
                _("Not available on this site: %(names)s.") % {"names": ", ".join(hidden)}
            )
        # The default list, as shown, stays blank: the site then follows future defaults.
        return "" if tuple(names) == default_channels() else ",".join(names)
