"""A labelled corpus of arrivals: user agent, referrer, landing URL, expected verdict.

Each scenario is what a real browser gives the script: its user agent (the beacon
request's ``User-Agent``), ``document.referrer`` as the browser reports it (a full URL,
``android-app://<package>/`` from an Android app, ``""`` for none) and the landing URL
with its query. The expected verdict is ``(class, channel)`` or ``NOT_COUNTED``.

``evaluate`` runs a scenario through the same steps as the endpoint: the crawler filter,
the script's referrer reduction (``script_referrer``), the wire validation and
``classify_arrival`` with the user agent's in-app browser. ``test_corpus.py`` checks
every scenario; ``bench/bench_attribution.py`` prints the confusion matrix.

User agent sources, per family, are noted beside each constant. Versions differ from
device to device; the tokens the classifier reads do not.
"""

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

NOT_COUNTED = None
SITE = "https://www.example.com"
ARTICLE = f"{SITE}/articles/dark-social/"
HOME = f"{SITE}/"
OWN_HOSTS = {"www.example.com"}
CAMPAIGN = "darksocial"
TOKEN = "Ab3dE6gH9_"

# --- Browsers, no app (Chromium's reduced UA: https://www.chromium.org/updates/ua-reduction/;
# Safari and Firefox: MDN "User-Agent" and https://www.whatismybrowser.com/guides/the-latest-user-agent/)
CHROME_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
CHROME_MAC = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1"
)
SAFARI_MAC = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.6 Safari/605.1.15"
)
FIREFOX_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
)
FIREFOX_ANDROID = "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0"
EDGE_WINDOWS = CHROME_WINDOWS + " Edg/131.0.2903.86"
SAMSUNG_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36"
)
# An Android app's WebView with no app token ("; wv)"): Android developers, "WebView
# user agent" (https://developer.chrome.com/docs/multidevice/user-agent/#webview-user-agent)
ANDROID_WEBVIEW = (
    "Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230901.001; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/131.0.6778.81 Mobile Safari/537.36"
)

# --- In-app browsers (whatismybrowser.com user agent database, "Facebook App",
# "Instagram", "LinkedIn App", "TikTok", "Pinterest", "Snapchat", "Google App",
# "Line", "WeChat"; udger.com in-app browser list)
FACEBOOK_IOS = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/470.0.0.40.97;FBBV/628409613;"
    "FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.5;FBSS/3;FBID/phone;FBLC/fr_FR;FBOP/5;FBRV/0]"
)
FACEBOOK_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; SM-S911B Build/UP1A.231005.007; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/131.0.6778.81 Mobile Safari/537.36 "
    "[FB_IAB/FB4A;FBAV/490.0.0.63.82;]"
)
MESSENGER_IOS = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148 [FBAN/MessengerForiOS;FBAV/428.0.0.33.104;"
    "FBBV/540145376;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/16.6;FBSS/3;FBCR/;FBID/phone;"
    "FBLC/fr_FR;FBOP/5]"
)
MESSENGER_ANDROID = (
    "Mozilla/5.0 (Linux; Android 13; Pixel 6 Build/TQ3A.230805.001; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/116.0.5845.114 Mobile Safari/537.36 "
    "[FB_IAB/Orca-Android;FBAV/420.0.0.32.61;]"
)
INSTAGRAM_IOS = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148 Instagram 330.0.3.21.95 (iPhone14,5; iOS 17_4; fr_FR; "
    "fr; scale=3.00; 1170x2532; 599813512)"
)
INSTAGRAM_ANDROID = (
    "Mozilla/5.0 (Linux; Android 13; SM-A536B Build/TP1A.220624.014; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.144 Mobile Safari/537.36 "
    "Instagram 312.1.0.34.111 Android (33/13; 450dpi; 1080x2177; samsung; SM-A536B; a53x; "
    "s5e8825; fr_FR; 548323740)"
)
THREADS_IOS = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148 Barcelona 330.0.0.27.109 (iPhone14,5; iOS 17_4; fr_FR; "
    "fr; scale=3.00; 1170x2532; 600112343)"
)
LINKEDIN_IOS = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.29.7434"
)
LINKEDIN_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP1A.240505.004; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/124.0.6367.82 Mobile Safari/537.36 "
    "[LinkedInApp]/4.1.935"
)
TIKTOK_IOS = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148 musical_ly_34.1.0 JsSdk/2.0 NetType/WIFI "
    "Channel/App Store ByteLocale/fr Region/FR isDarkMode/0 WKWebView/1 RevealType/Dialog"
)
TIKTOK_ANDROID = (
    "Mozilla/5.0 (Linux; Android 12; SM-A525F Build/SP1A.210812.016; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 "
    "trill_2023109030 JsSdk/1.0 NetType/WIFI Channel/googleplay AppName/trill "
    "app_version/31.9.3 ByteLocale/fr ByteFullLocale/fr Region/FR AppId/1180 "
    "BytedanceWebview/d8a21c6"
)
PINTEREST_IOS = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148 [Pinterest/iOS]"
)
PINTEREST_ANDROID = (
    "Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230901.001; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.43 Mobile Safari/537.36 "
    "[Pinterest/Android]"
)
SNAPCHAT_IOS = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148 Snapchat/12.62.0.35 (like Safari/8617.2.4.10.8, panda)"
)
SNAPCHAT_ANDROID = (
    "Mozilla/5.0 (Linux; Android 13; SM-G991B Build/TP1A.220624.014; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.144 Mobile Safari/537.36 "
    "Snapchat/12.70.0.40 (SM-G991B; Android 13#G991BXXU9FWL1#33; gzip; )"
)
X_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP1A.240505.004; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/124.0.6367.82 Mobile Safari/537.36 TwitterAndroid"
)
GOOGLE_APP_IOS = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) GSA/343.0.695551749 Mobile/15E148 Safari/604.1"
)
GOOGLE_APP_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP1A.240505.004; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/124.0.6367.82 Mobile Safari/537.36 "
    "GSA/15.19.36.28.arm64"
)
LINE_IOS = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148 Safari Line/14.6.0"
)
WECHAT_ANDROID = (
    "Mozilla/5.0 (Linux; Android 13; V2148A Build/TP1A.220624.014; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5023 "
    "MMWEBSDK/20230405 MMWEBID/2585 MicroMessenger/8.0.35.2360(0x2800235B) WeChat/arm64 "
    "Weixin NetType/WIFI Language/zh_CN ABI/arm64"
)

# --- Crawlers, link-preview fetchers and headless browsers (each vendor's documentation:
# developers.google.com/search/docs/crawling-indexing/overview-google-crawlers,
# bing.com/webmasters/help/which-crawlers-does-bing-use, developers.facebook.com/docs/
# sharing/webmasters/web-crawlers, developer.x.com cards "Twitterbot", api.slack.com/robots,
# core.telegram.org (TelegramBot), support.apple.com/119829 (Applebot),
# developer.chrome.com/docs/chromium/headless, docs.bsky.app (Cardyb); WhatsApp, Discord,
# LinkedIn and Skype previews as logged by crawlerdetect's fixtures)
CRAWLERS = {
    "googlebot": (
        "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/131.0.6778.69 Mobile Safari/537.36 "
        "(compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
    ),
    "bingbot": (
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; "
        "+http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36"
    ),
    "facebookexternalhit": (
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"
    ),
    "meta-externalagent": (
        "meta-externalagent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)"
    ),
    "twitterbot": "Twitterbot/1.0",
    "whatsapp": "WhatsApp/2.23.20.0 A",
    "telegrambot": "TelegramBot (like TwitterBot)",
    "slackbot": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "discordbot": "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
    "linkedinbot": (
        "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)"
    ),
    "skype": (
        "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 "
        "skype-url-preview@microsoft.com"
    ),
    "applebot": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1 "
        "(Applebot/0.1; +http://www.apple.com/go/applebot)"
    ),
    "headless chrome": (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "HeadlessChrome/131.0.0.0 Safari/537.36"
    ),
    "bluesky cardyb": "Mozilla/5.0 (compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app)",
    "mastodon": "Mastodon/4.3.2 (http.rb/5.2.0; +https://mastodon.social/) Bot",
    "iframely": "Iframely/1.3.1 (+https://iframely.com/docs/about)",
    "curl": "curl/8.5.0",
    "python-requests": "python-requests/2.32.3",
    "pinterestbot": "Pinterest/0.2 (+https://www.pinterest.com/bot.html)",
    "google-inspection": (
        "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 "
        "(compatible; Google-InspectionTool/1.0;)"
    ),
}


@dataclass(frozen=True)
class Scenario:
    name: str
    user_agent: str
    referrer: str  # document.referrer
    landing: str
    expected: tuple | None  # (class, channel) or NOT_COUNTED
    # What the plugin finds instead, where the browser gives no signal of the truth (a
    # known limit: the scenario counts as wrong in the confusion matrix).
    known_miss: tuple | None = None

    @property
    def tagged(self):
        return bool(self.expected) and self.expected[0] == "tagged"


def tagged(source, *, token=True, campaign=CAMPAIGN, page=ARTICLE, medium="social"):
    query = f"utm_source={source}&utm_medium={medium}&utm_campaign={campaign}"
    if token:
        query += f"&ds={TOKEN}"
    return f"{page}?{query}"


MOBILE = {
    "iOS Safari": SAFARI_IPHONE,
    "Android Chrome": CHROME_ANDROID,
    "Android Samsung": SAMSUNG_ANDROID,
    "Firefox Android": FIREFOX_ANDROID,
}
DESKTOP = {
    "Chrome Windows": CHROME_WINDOWS,
    "Chrome macOS": CHROME_MAC,
    "Safari macOS": SAFARI_MAC,
    "Firefox Windows": FIREFOX_WINDOWS,
    "Edge Windows": EDGE_WINDOWS,
}
BROWSERS = {**MOBILE, **DESKTOP}

# (referrer as document.referrer, expected), opened in a plain browser.
WEB_REFERRERS = [
    # Webmail: dark, e-mail
    ("https://mail.google.com/", ("dark", "email")),
    ("https://outlook.live.com/", ("dark", "email")),
    ("https://outlook.office.com/", ("dark", "email")),
    ("https://outlook.office365.com/", ("dark", "email")),
    ("https://mail.yahoo.com/", ("dark", "email")),
    ("https://fr.mail.yahoo.com/", ("dark", "email")),
    ("https://mail.proton.me/", ("dark", "email")),
    ("https://www.gmx.fr/", ("dark", "email")),
    ("https://navigator-bs.gmx.net/", ("dark", "email")),
    ("https://mail.orange.fr/", ("dark", "email")),
    ("https://messagerie.orange.fr/", ("dark", "email")),
    ("https://webmail.sfr.fr/", ("dark", "email")),
    ("https://webmail.free.fr/", ("dark", "email")),
    ("https://zimbra.free.fr/", ("dark", "email")),
    ("https://www.laposte.net/", ("dark", "email")),
    ("https://webmail.laposte.net/", ("dark", "email")),
    ("https://mail.aol.com/", ("dark", "email")),
    ("https://mail.zoho.eu/", ("dark", "email")),
    ("https://app.fastmail.com/", ("dark", "email")),
    ("https://e.mail.ru/", ("dark", "email")),
    ("https://mail.bbox.fr/", ("dark", "email")),
    # Messaging web apps: dark, with the app
    ("https://web.whatsapp.com/", ("dark", "whatsapp")),
    ("https://web.telegram.org/", ("dark", "telegram")),
    ("https://www.messenger.com/", ("dark", "messenger")),
    ("https://l.messenger.com/", ("dark", "messenger")),
    ("https://app.slack.com/", ("dark", "slack")),
    ("https://slack-redir.net/", ("dark", "slack")),
    ("https://teams.microsoft.com/", ("dark", "teams")),
    ("https://teams.live.com/", ("dark", "teams")),
    ("https://discord.com/", ("dark", "discord")),
    ("https://messages.google.com/", ("dark", "sms")),
    # Social hosts, link shims and short links
    ("https://t.co/", ("social", "x")),
    ("https://x.com/", ("social", "x")),
    ("https://twitter.com/", ("social", "x")),
    ("https://l.facebook.com/", ("social", "facebook")),
    ("https://lm.facebook.com/", ("social", "facebook")),
    ("https://m.facebook.com/", ("social", "facebook")),
    ("https://www.facebook.com/", ("social", "facebook")),
    ("https://www.linkedin.com/", ("social", "linkedin")),
    ("https://lnkd.in/", ("social", "linkedin")),
    ("https://l.instagram.com/", ("social", "instagram")),
    ("https://www.threads.net/", ("social", "threads")),
    ("https://l.threads.com/", ("social", "threads")),
    ("https://go.bsky.app/", ("social", "bluesky")),
    ("https://bsky.app/", ("social", "bluesky")),
    ("https://out.reddit.com/", ("social", "reddit")),
    ("https://www.reddit.com/", ("social", "reddit")),
    ("https://mastodon.social/", ("social", "mastodon")),
    ("https://piaille.fr/", ("social", "mastodon")),
    ("https://www.youtube.com/", ("social", "youtube")),
    ("https://www.tiktok.com/", ("social", "tiktok")),
    ("https://fr.pinterest.com/", ("social", "pinterest")),
    ("https://www.pinterest.fr/", ("social", "pinterest")),
    ("https://news.ycombinator.com/", ("social", "hackernews")),
    ("https://www.snapchat.com/", ("social", "snapchat")),
    # Search engines
    ("https://www.google.com/", ("search", "google")),
    ("https://www.google.fr/", ("search", "google")),
    ("https://www.google.co.uk/", ("search", "google")),
    ("https://www.bing.com/", ("search", "bing")),
    ("https://duckduckgo.com/", ("search", "duckduckgo")),
    ("https://www.qwant.com/", ("search", "qwant")),
    ("https://www.ecosia.org/", ("search", "ecosia")),
    ("https://fr.search.yahoo.com/", ("search", "yahoo")),
    ("https://search.brave.com/", ("search", "brave")),
    ("https://yandex.ru/", ("search", "yandex")),
    ("https://www.startpage.com/", ("search", "startpage")),
    # Other referrals
    ("https://news.example.org/2024/story.html", ("referral", "")),
    ("https://docs.google.com/", ("referral", "")),
    ("https://news.google.com/", ("referral", "")),
    ("https://www.lemonde.fr/", ("referral", "")),
    ("https://xn--bcher-kva.example/", ("referral", "")),  # an IDN host, as reported
    ("https://BLOG.Example.ORG:8443/post", ("referral", "")),
    ("http://[2001:db8::1]:8080/", ("referral", "")),
    ("https://notfacebook.com/", ("referral", "")),
]

# Android app referrers (opened in Chrome Custom Tabs: Chrome's own user agent).
APP_REFERRERS = [
    ("android-app://com.whatsapp/", ("dark", "whatsapp")),
    ("android-app://com.whatsapp.w4b/", ("dark", "whatsapp")),
    ("android-app://org.telegram.messenger/", ("dark", "telegram")),
    ("android-app://com.facebook.orca/", ("dark", "messenger")),
    ("android-app://com.google.android.gm/", ("dark", "email")),
    ("android-app://com.microsoft.office.outlook/", ("dark", "email")),
    ("android-app://com.yahoo.mobile.client.android.mail/", ("dark", "email")),
    ("android-app://ch.protonmail.android/", ("dark", "email")),
    ("android-app://com.samsung.android.email.provider/", ("dark", "email")),
    ("android-app://de.gmx.mobile.android.mail/", ("dark", "email")),
    ("android-app://com.google.android.apps.messaging/", ("dark", "sms")),
    ("android-app://com.Slack/", ("dark", "slack")),
    ("android-app://com.microsoft.teams/", ("dark", "teams")),
    ("android-app://com.discord/", ("dark", "discord")),
    ("android-app://org.thoughtcrime.securesms/", ("dark", "signal")),
    ("android-app://com.viber.voip/", ("dark", "viber")),
    ("android-app://com.instagram.android/", ("social", "instagram")),
    ("android-app://com.zhiliaoapp.musically/", ("social", "tiktok")),
    ("android-app://com.linkedin.android/", ("social", "linkedin")),
    ("android-app://com.twitter.android/", ("social", "x")),
    ("android-app://com.facebook.katana/", ("social", "facebook")),
    ("android-app://com.reddit.frontpage/", ("social", "reddit")),
    ("android-app://com.pinterest/", ("social", "pinterest")),
    ("android-app://com.google.android.youtube/", ("social", "youtube")),
    ("android-app://com.instagram.barcelona/", ("social", "threads")),
    ("android-app://org.joinmastodon.android/", ("social", "mastodon")),
    ("android-app://xyz.blueskyweb.app/", ("social", "bluesky")),
    (
        "android-app://com.google.android.googlequicksearchbox/https/www.google.com",
        ("search", "google"),
    ),
    ("android-app://com.example.unknownapp/", ("referral", "")),
    ("android-app://", ("referral", "")),  # no package: an unknown app
]

# In-app browsers, with what they report as document.referrer.
IN_APP = [
    # Private messengers: dark, whatever the referrer
    ("Messenger iOS", MESSENGER_IOS, "", ("dark", "messenger")),
    (
        "Messenger iOS via Facebook's shim",
        MESSENGER_IOS,
        "https://l.facebook.com/",
        ("dark", "messenger"),
    ),
    ("Messenger Android", MESSENGER_ANDROID, "", ("dark", "messenger")),
    (
        "Messenger Android via l.messenger.com",
        MESSENGER_ANDROID,
        "https://l.messenger.com/",
        ("dark", "messenger"),
    ),
    ("LINE iOS", LINE_IOS, "", ("dark", "line")),
    ("WeChat Android", WECHAT_ANDROID, "", ("dark", "wechat")),
    # Feed apps: social, with or without their shim as referrer
    ("Facebook iOS", FACEBOOK_IOS, "", ("social", "facebook")),
    ("Facebook iOS via shim", FACEBOOK_IOS, "https://l.facebook.com/", ("social", "facebook")),
    ("Facebook Android", FACEBOOK_ANDROID, "", ("social", "facebook")),
    (
        "Facebook Android via m.facebook",
        FACEBOOK_ANDROID,
        "https://m.facebook.com/",
        ("social", "facebook"),
    ),
    ("Instagram iOS", INSTAGRAM_IOS, "", ("social", "instagram")),
    ("Instagram iOS via shim", INSTAGRAM_IOS, "https://l.instagram.com/", ("social", "instagram")),
    ("Instagram Android", INSTAGRAM_ANDROID, "", ("social", "instagram")),
    ("Threads iOS", THREADS_IOS, "", ("social", "threads")),
    ("LinkedIn iOS", LINKEDIN_IOS, "", ("social", "linkedin")),
    ("LinkedIn Android", LINKEDIN_ANDROID, "", ("social", "linkedin")),
    ("TikTok iOS", TIKTOK_IOS, "", ("social", "tiktok")),
    ("TikTok Android", TIKTOK_ANDROID, "", ("social", "tiktok")),
    ("Pinterest iOS", PINTEREST_IOS, "", ("social", "pinterest")),
    ("Pinterest Android", PINTEREST_ANDROID, "", ("social", "pinterest")),
    ("Snapchat iOS", SNAPCHAT_IOS, "", ("social", "snapchat")),
    ("Snapchat Android", SNAPCHAT_ANDROID, "", ("social", "snapchat")),
    ("X Android", X_ANDROID, "", ("social", "x")),
    ("X Android via t.co", X_ANDROID, "https://t.co/", ("social", "x")),
    # A feed app's browser beats a search or other referrer (it came through the feed) ...
    (
        "Facebook iOS, other referrer",
        FACEBOOK_IOS,
        "https://news.example.org/",
        ("social", "facebook"),
    ),
    # ... but a webmail or messenger referrer is stronger (step 3 before 4).
    (
        "Instagram iOS, Gmail referrer",
        INSTAGRAM_IOS,
        "https://mail.google.com/",
        ("dark", "email"),
    ),
    # The Google app: Discover without a referrer, search with Google's referrer
    ("Google app iOS (Discover)", GOOGLE_APP_IOS, "", ("search", "google")),
    ("Google app Android (Discover)", GOOGLE_APP_ANDROID, "", ("search", "google")),
    ("Google app iOS, search", GOOGLE_APP_IOS, "https://www.google.com/", ("search", "google")),
    (
        "Google app Android, app referrer",
        GOOGLE_APP_ANDROID,
        "android-app://com.google.android.googlequicksearchbox/",
        ("search", "google"),
    ),
    (
        "Google app, other referrer",
        GOOGLE_APP_ANDROID,
        "https://news.example.org/",
        ("referral", ""),
    ),
    # An app's WebView with no token and no referrer: nothing says which app
    ("Android WebView, no referrer", ANDROID_WEBVIEW, "", ("dark", "")),
]


def _agent_name(agent):
    """``INSTAGRAM_IOS`` for the constant holding ``agent``."""
    return next(
        name
        for name, value in globals().items()
        if name.isupper() and value == agent and name not in {"SITE", "HOME", "ARTICLE"}
    )


def _scenarios():
    found = []
    for browser, agent in BROWSERS.items():
        # No referrer: probable dark social on an inner page, not counted on the home page
        found.append(Scenario(f"{browser}: no referrer", agent, "", ARTICLE, ("dark", "")))
        found.append(Scenario(f"{browser}: typed home page", agent, "", HOME, NOT_COUNTED))
        found.append(
            Scenario(f"{browser}: internal", agent, f"{SITE}/about/", ARTICLE, NOT_COUNTED)
        )
    web_agents = list(BROWSERS.values())
    for index, (referrer, expected) in enumerate(WEB_REFERRERS):
        agent = web_agents[index % len(web_agents)]
        name = next(name for name, ua in BROWSERS.items() if ua == agent)
        found.append(Scenario(f"{name}: from {referrer}", agent, referrer, ARTICLE, expected))
        if index % 4 == 0:  # a referrer counts on the home page too
            found.append(
                Scenario(f"{name}: from {referrer} to home", agent, referrer, HOME, expected)
            )
    for referrer, expected in APP_REFERRERS:
        found.append(
            Scenario(f"Android app {referrer}", CHROME_ANDROID, referrer, ARTICLE, expected)
        )
    for name, agent, referrer, expected in IN_APP:
        found.append(Scenario(name, agent, referrer, ARTICLE, expected))
    # An in-app browser opening the home page with no referrer: not counted (step 1)
    for name, agent in (("Facebook iOS", FACEBOOK_IOS), ("Google app iOS", GOOGLE_APP_IOS)):
        found.append(Scenario(f"{name}: home, no referrer", agent, "", HOME, NOT_COUNTED))
    # Tagged: unchanged, and it beats every signal, even inside an in-app browser
    for channel, agent, referrer in (
        ("whatsapp", SAFARI_IPHONE, ""),
        ("whatsapp", CHROME_ANDROID, "android-app://com.whatsapp/"),
        ("telegram", CHROME_ANDROID, ""),
        ("email", SAFARI_MAC, "https://mail.google.com/"),
        ("email", CHROME_WINDOWS, ""),
        ("sms", SAFARI_IPHONE, ""),
        ("copy", CHROME_MAC, ""),
        ("native", SAFARI_IPHONE, ""),
        ("messenger", MESSENGER_IOS, ""),
        ("facebook", FACEBOOK_IOS, "https://l.facebook.com/"),
        ("facebook", FACEBOOK_ANDROID, ""),
        ("x", X_ANDROID, "https://t.co/"),
        ("linkedin", LINKEDIN_IOS, ""),
        ("bluesky", CHROME_WINDOWS, "https://bsky.app/"),
        ("reddit", FIREFOX_WINDOWS, "https://out.reddit.com/"),
        ("mastodon", FIREFOX_ANDROID, "https://piaille.fr/"),
        ("threads", THREADS_IOS, ""),
        ("whatsapp", INSTAGRAM_IOS, ""),  # shared on WhatsApp, opened from Instagram's DM
        ("email", GOOGLE_APP_IOS, ""),
        ("telegram", TIKTOK_ANDROID, ""),
    ):
        found.append(
            Scenario(
                f"tagged {channel} in {_agent_name(agent)}",
                agent,
                referrer,
                tagged(channel),
                ("tagged", channel),
            )
        )
    found += [
        Scenario("token only", SAFARI_IPHONE, "", f"{ARTICLE}?ds={TOKEN}", ("tagged", "")),
        Scenario(
            "token, social referrer",
            CHROME_WINDOWS,
            "https://t.co/",
            f"{ARTICLE}?ds={TOKEN}",
            ("tagged", ""),
        ),
        Scenario(
            "token on the home page", SAFARI_IPHONE, "", f"{HOME}?ds={TOKEN}", ("tagged", "")
        ),
        Scenario(
            "tags on the home page",
            CHROME_ANDROID,
            "",
            tagged("whatsapp", page=HOME),
            ("tagged", "whatsapp"),
        ),
        Scenario(
            "utm without token",
            CHROME_MAC,
            "",
            tagged("email", token=False, medium="email"),
            ("tagged", "email"),
        ),
        Scenario(
            "utm, upper case",
            CHROME_MAC,
            "",
            f"{ARTICLE}?utm_source=WhatsApp&utm_campaign=DarkSocial",
            ("tagged", "whatsapp"),
        ),
        Scenario(
            "utm of an arrival source",
            SAFARI_IPHONE,
            "",
            tagged("instagram", token=False),
            ("tagged", "instagram"),
        ),
        Scenario(
            "utm, another campaign",
            CHROME_MAC,
            "",
            tagged("email", token=False, campaign="spring"),
            ("dark", ""),
        ),
        Scenario(
            "utm, unknown source",
            CHROME_MAC,
            "",
            f"{ARTICLE}?utm_source=newsletter&utm_campaign={CAMPAIGN}",
            ("dark", ""),
        ),
        Scenario(
            "utm, another campaign, in Facebook",
            FACEBOOK_IOS,
            "",
            tagged("facebook", token=False, campaign="ads"),
            ("social", "facebook"),
        ),
        Scenario(
            "utm, another campaign, from Gmail",
            CHROME_WINDOWS,
            "https://mail.google.com/",
            tagged("newsletter", token=False, campaign="weekly"),
            ("dark", "email"),
        ),
        Scenario(
            "query without tags", CHROME_WINDOWS, "", f"{ARTICLE}?page=2&ref=abc", ("dark", "")
        ),
    ]
    # Known limits: apps that open links in the system browser or in Safari's view
    # controller send Safari's or Chrome's user agent and no referrer. The class is
    # right (dark), the channel cannot be known.
    for name, agent, truth in (
        ("Telegram iOS in-app browser (Safari view)", SAFARI_IPHONE, "telegram"),
        ("WhatsApp iOS opening Safari", SAFARI_IPHONE, "whatsapp"),
        ("Gmail iOS in-app browser (Safari view)", SAFARI_IPHONE, "email"),
        ("Slack desktop app opening Chrome", CHROME_MAC, "slack"),
    ):
        found.append(Scenario(name, agent, "", ARTICLE, ("dark", truth), known_miss=("dark", "")))
    # Crawlers, link-preview fetchers, headless browsers: never counted, whatever they carry
    for name, agent in CRAWLERS.items():
        found.append(Scenario(f"crawler {name}", agent, "", ARTICLE, NOT_COUNTED))
        found.append(
            Scenario(f"crawler {name}, tagged", agent, "https://t.co/", tagged("x"), NOT_COUNTED)
        )
    return found


SCENARIOS = _scenarios()


def script_referrer(document_referrer):
    """What the script sends for ``document.referrer``: the host (port included, lower
    case), ``android-app://<package>`` for an Android app, ``""`` for none."""
    if not document_referrer:
        return ""
    parts = urlsplit(document_referrer)
    if parts.scheme == "android-app":
        return "android-app://" + parts.netloc.lower()
    return parts.netloc.lower()


TOKEN_PARAM = "ds"  # noqa: S105  (the query parameter, not a secret)


def landing_fields(landing, token_param=TOKEN_PARAM):
    query = parse_qs(urlsplit(landing).query)

    def first(key):
        return query.get(key, [""])[0]

    return {
        "token": first(token_param),
        "source": first("utm_source"),
        "campaign": first("utm_campaign"),
    }


def evaluate(scenario, classify=None):
    """The verdict the endpoint reaches for ``scenario``: ``(class, channel)`` or ``None``.

    ``classify(user_agent, **arrival)`` defaults to ``classify.classify_with_agent``
    (the bench passes the old classifier).
    """
    from wagtail_darksocial.tracking.api.validation import validate_event
    from wagtail_darksocial.tracking.classify import classify_with_agent
    from wagtail_darksocial.tracking.filters import is_bot_user_agent

    classify = classify or classify_with_agent

    if is_bot_user_agent(scenario.user_agent):
        return NOT_COUNTED
    referrer = script_referrer(scenario.referrer)
    if referrer == urlsplit(scenario.landing).netloc:
        return NOT_COUNTED  # the script sends nothing for internal navigation
    fields = {key: value for key, value in landing_fields(scenario.landing).items() if value}
    event = validate_event(0, {"type": "arrival", "page": 1, "referrer": referrer, **fields})
    verdict = classify(
        scenario.user_agent,
        referrer=event.referrer,
        token=event.token,
        source=event.source,
        campaign=event.campaign,
        own_hosts=OWN_HOSTS,
        is_home=urlsplit(scenario.landing).path == "/",
        site_campaign=lambda: CAMPAIGN,
    )
    return None if verdict is None else (str(verdict[0]), verdict[1])
