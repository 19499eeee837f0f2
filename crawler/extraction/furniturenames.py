"""What a class or id value says an element is: page furniture by one of its tokens (a whole name, or a
part of a BEM, CSS-module or component name: "comments", "related", "newsletter") or by a word of a
longer name (a donation box, a promotion, a paywall's box, an affiliate's product box, a shop's box of
prices)."""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from lxml.html import HtmlElement

from crawler.extraction.classnames import names_any, names_word
from crawler.extraction.galleries import CAPTION_TOKENS

_KICKER_TOKENS = frozenset("kicker dachzeile overline eyebrow supertitle topline".split())
"""A label over a headline, furniture (``is_subheading_label``: over a chapter's heading, its words)."""

# class/id tokens of page furniture, matched as whole tokens of the class and id attributes.
FURNITURE_TOKENS = frozenset(
    """
    comment comments comment-respond comments-area comment-form comment-list commentlist respond disqus_thread disqus
    kommentare komentar komentarze commentaires comentarios reacties binh-luan yorumlar maoni reactions
    talkback talkbacks fb-comments
    guestbook guest-book condolences condolence page-feedback feedback-form was-this-helpful
    breadcrumb breadcrumbs td-crumb-container crumbs
    photo-credit image-credit credit credits
    sharing sharedaddy sharebar share-bar social-share sociallinks social-links share-buttons addtoany a2a_kit
    like likes like-button bookmark bookmarks bookmark-button
    poll polls block-poll wp-polls poll-widget
    related related-posts related-articles related-stories related-content jp-relatedposts yarpp-related
    series series-box series-nav series-navigation post-series article-series
    crp_related more-stories more-like-this morelikethis
    newsletter newsletter-signup newsletter-box newsletter-form subscribe subscribe-box subscribe-form mc4wp-form
    authorbio author-bio about-author author-box td-author-box post-author-box author-info byline-bio
    cookie cookies cookie-notice cookie-banner cookie-consent cookielaw gdpr consent-banner cc-window
    ad ads advert adverts advertisement advertisements adslot ad-slot ad-container ad-wrapper adsbygoogle
    td-a-rec td-a-ad dfp-ad gpt-ad sponsored sponsored-content outbrain ob-widget taboola trc_related_container
    td-header-top-menu topbar top-bar td-top-bar header-date td_data_time topbar-date
    td-footer-wrapper site-footer footer
    most-popular popular-posts trending recent-posts recent-comments wpp-list
    navigation nav-links post-navigation pagination skip-link screen-reader-text visually-hidden sr-only
    visuallyhidden u-visually-hidden govuk-visually-hidden a11y-hidden screenreader-only sr-text
    support support-box donate donation membership-box paywall-promo regwall registration-wall promo cta call-to-action et_pb_promo
    app-promo app-banner smart-banner smartbanner
    video-player videoplayer video-player-wrapper
    icon-box elementor-icon-box-wrapper elementor-widget-icon-box et_pb_blurb testimonial testimonials
    wp-block-jetpack-subscriptions jetpack_subscription_widget
    tagline site-tagline site-description blog-description slogan descriptionwrapper
    """.split()
) | CAPTION_TOKENS | _KICKER_TOKENS
_FURNITURE_WORDS = frozenset(
    "donate donation donations don dons spende spenden donar donacion donaciones donazione doacao promo paywall"
    " subscription geoblock geoblocked".split()
)
"""Words that name furniture inside a longer name too: a donation box ("fc-donate-inline",
"donation-banner", French "encart-don", German "spenden-box"), a promotion ("inline-promo"), a
paywall's box ("paywall-hinweis"), a subscription's offer ("subscription-required"), a video's regional block
("video-player__geoblock"). (Each holds "don", "pend", "doa", "promo", "paywall", "ubscription" or "eoblock".)"""
_AFFILIATE_BOX = re.compile(r"affiliate[-_](?:products?|box|disclosure|widget|offers?|deals?|banner|cards?|module|cta)"
                            r"(?![a-z])", re.IGNORECASE)
"""An affiliate's product box or disclosure ("affiliate-product"); "affiliate" alone also names a
network of partners, and an affiliate link is words of a sentence."""
_SHOP_BOX = re.compile(r"price[-_]?(?:compar[a-z]*|history|alerts?|tracker|widget|grabber)|preisvergleich|comparateur"
                       r"|(?<![a-z])(?:offers|offerte|angebote|ofertas|deals)(?![a-z])", re.IGNORECASE)
"""A shop's box in a review or a buying guide: a price comparison, a price history, retailers' offers
("c-pricecompare", "hj-pricehistory", "ln-offers", "bw-deals-carousel")."""
_SHOP_HINTS = ("rice", "Rice", "RICE", "reisv", "ompar", "ffer", "ngebot", "fert", "eal")

TOKEN, WORD = 2, 1
"""What a name says: a furniture token (the element is furniture), a furniture word (it is, unless it is
words of a sentence: a link or a span in running text), or nothing (0)."""


def _naming_of(value: str) -> int:
    if names_any(value, None, FURNITURE_TOKENS):
        return TOKEN
    words = ("don" in value or "Don" in value or "pend" in value or "doa" in value or "promo" in value
             or "paywall" in value or "ubscription" in value or "eoblock" in value) and names_word(value, _FURNITURE_WORDS)
    return WORD if words or ("ffiliate" in value and _AFFILIATE_BOX.search(value)) or (
        any(hint in value for hint in _SHOP_HINTS) and _SHOP_BOX.search(value)) else 0


names_furniture = lru_cache(maxsize=16384)(_naming_of)
"""By class or id value: a template repeats its class values while ids are unique, so a class/id pair
seldom repeats but a value does (a pair's verdict is its two values': no name spans the space)."""


def naming(class_value: str | None, id_value: str | None) -> int:
    """``TOKEN`` when the class or the id names a furniture token, else ``WORD`` when one holds a
    furniture word, else 0."""
    named = names_furniture(class_value) if class_value is not None else 0
    if named == TOKEN or id_value is None:
        return named
    return max(named, names_furniture(id_value))


def named_furniture(class_value: str | None, id_value: str | None) -> bool:
    """Whether a class/id pair names page furniture (``FURNITURE_TOKENS``, ``_FURNITURE_WORDS``)."""
    return bool(naming(class_value, id_value))


_SUBHEADINGS = {"h2", "h3", "h4", "h5", "h6"}


def is_subheading_label(elem: HtmlElement, class_value: str | None, id_value: str | None) -> bool:
    """An inline kicker inside a subheading of the story ("<h2><span class='chapter__kicker'>Chapter 2:</span>
    Five Hours on the Roof</h2>"): the heading's own words. Over the headline, a kicker is the
    section's label, furniture."""
    parent = elem.getparent()
    return (parent is not None and parent.tag in _SUBHEADINGS and names_any(class_value, id_value, _KICKER_TOKENS)
            and _after_prose(parent))


_PROSE_CHARS = 40
_PROSE_LEVELS = 4
_PROSE_SIBLINGS = 20


def _after_prose(heading: HtmlElement) -> bool:
    """Whether a paragraph of prose comes before the heading (a chapter's heading, not the headline an
    <h2> sets over the story): in the preceding siblings of the heading or of its nearest ancestors."""
    node = heading
    for _ in range(_PROSE_LEVELS):
        for sibling in islice(node.itersiblings(preceding=True), _PROSE_SIBLINGS):
            if isinstance(sibling.tag, str) and any(
                    len(p.text_content()) >= _PROSE_CHARS for p in sibling.iter("p")):
                return True
        node = node.getparent()
        if node is None:
            return False
    return False
