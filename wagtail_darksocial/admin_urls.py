"""Admin screens, wrapped in Wagtail's admin access check (login, language, permissions)."""

from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

urlpatterns = decorate_urlpatterns(
    [],
    require_admin_access,
)
