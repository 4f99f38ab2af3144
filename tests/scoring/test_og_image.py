import pytest

from wagtail_darksocial.scoring import ImageInfo

from .helpers import check, meta, page

IMAGE = "https://example.com/media/share.jpg"


def image_page(url: str = IMAGE, extra: str = "") -> str:
    return page(head=meta("og:image", url) + extra)


def measured(width, height, size=None, fmt="jpeg"):
    calls = []

    def image_info(url):
        calls.append(url)
        return ImageInfo(width=width, height=height, bytes=size, format=fmt)

    return image_info, calls


def test_missing_image_is_poor():
    result = check(page(), "og_image")
    assert (result.status, result.value) == ("poor", None)
    assert "1200×630" in result.fix


@pytest.mark.parametrize(
    "width,height,status",
    [
        (1200, 630, "good"),
        (2400, 1260, "good"),
        (1199, 628, "ok"),  # big enough for a large card, not sharp
        (600, 315, "ok"),
        (599, 315, "poor"),  # small thumbnail only
        (600, 314, "poor"),
        (300, 200, "poor"),
        (199, 199, "poor"),  # may be dropped
    ],
)
def test_measured_size(width, height, status):
    image_info, calls = measured(width, height, 85 * 1024)
    result = check(image_page(), "og_image", image_info=image_info)
    assert result.status == status
    assert result.value == f"{width}×{height}, 85 KB"
    assert calls == [IMAGE]


def test_tiny_and_small_messages_differ():
    tiny = check(image_page(), "og_image", image_info=measured(150, 150)[0])
    small = check(image_page(), "og_image", image_info=measured(400, 210)[0])
    assert "not show an image that small" in tiny.message
    assert "small thumbnail" in small.message


@pytest.mark.parametrize(
    "width,height,status",
    [
        (1200, 1200, "ok"),  # 1:1
        (1200, 700, "ok"),  # 1.71:1
        (1200, 660, "good"),  # 1.82:1, within 0.1 of 1.91
        (1260, 630, "good"),  # 2.00:1
        (1300, 630, "ok"),  # 2.06:1
    ],
)
def test_aspect_ratio(width, height, status):
    result = check(image_page(), "og_image", image_info=measured(width, height)[0])
    assert result.status == status
    if status == "ok":
        assert "cropped" in result.message


def test_heavy_image_is_at_most_ok_with_whatsapp_fix():
    result = check(image_page(), "og_image", image_info=measured(1200, 630, 301 * 1024)[0])
    assert result.status == "ok"
    assert result.value == "1200×630, 301 KB"
    assert "WhatsApp" in result.message
    assert "300 KB" in result.fix
    light = check(image_page(), "og_image", image_info=measured(1200, 630, 300 * 1024)[0])
    assert light.status == "good"


def test_heavy_and_small_reports_the_worst_problem():
    result = check(image_page(), "og_image", image_info=measured(400, 210, 900 * 1024)[0])
    assert result.status == "poor"
    assert "small thumbnail" in result.message


@pytest.mark.parametrize(
    "url,extra,info_format",
    [
        ("https://example.com/logo.svg", "", None),
        ("https://example.com/logo.SVG?v=2", "", None),
        (IMAGE, meta("og:image:type", "image/svg+xml"), None),
        (IMAGE, "", "svg"),
    ],
)
def test_svg_is_poor(url, extra, info_format):
    def image_info(_url):
        return ImageInfo(width=1200, height=630, format=info_format)

    result = check(image_page(url, extra), "og_image", image_info=image_info)
    assert result.status == "poor"
    assert "SVG" in result.message


def test_relative_image_url_is_poor():
    result = check(image_page("/media/share.jpg"), "og_image", url="https://example.com/a/")
    assert result.status == "poor"
    assert "https://" in result.fix


def test_declared_size_without_measurement_is_at_most_ok():
    declared = meta("og:image:width", "1200") + meta("og:image:height", "630")
    result = check(image_page(extra=declared), "og_image")
    assert (result.status, result.value) == ("ok", "1200×630")
    assert "declares" in result.message
    assert "not measured" in result.message


def test_declared_small_size_is_poor():
    declared = meta("og:image:width", "150") + meta("og:image:height", "150px")
    assert check(image_page(extra=declared), "og_image").status == "poor"


def test_image_info_returning_none_falls_back_to_declared_size():
    declared = meta("og:image:width", "800") + meta("og:image:height", "420")
    result = check(image_page(extra=declared), "og_image", image_info=lambda url: None)
    assert (result.status, result.value) == ("ok", "800×420")


def test_unmeasurable_image_is_unknown_not_poor():
    result = check(image_page(), "og_image")
    assert (result.status, result.value) == ("unknown", None)
    assert "could not be measured" in result.message
    garbage = meta("og:image:width", "wide") + meta("og:image:height", "-3")
    assert check(image_page(extra=garbage), "og_image").status == "unknown"


def test_image_info_errors_never_break_scoring():
    def broken(url):
        raise OSError("disk on fire")

    result = check(image_page(), "og_image", image_info=broken)
    assert result.status == "unknown"


def test_image_info_without_dimensions_is_ignored():
    result = check(
        image_page(), "og_image", image_info=lambda url: ImageInfo(width=0, height=None)
    )
    assert result.status == "unknown"


def test_secure_url_is_used_when_og_image_is_missing():
    html = page(head=meta("og:image:secure_url", IMAGE))
    image_info, calls = measured(1200, 630)
    assert check(html, "og_image", image_info=image_info).status == "good"
    assert calls == [IMAGE]
