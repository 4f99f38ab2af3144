"""Public URLs. Include them before Wagtail's catch-all:

path("darksocial/", include("wagtail_darksocial.urls")),
"""

app_name = "wagtail_darksocial"

urlpatterns = []
