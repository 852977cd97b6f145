"""The demo's learning plan and attached certificates.

Each de-brief's learning need leads somewhere: case 1's reading is met by the reading of
chapter 9, case 2's summarising by the role play, case 3's time-keeping by observing a
colleague, case 4's post-16 duties by the training day, with the reading of chapter 8 still
to do. The certificates are made on the fly as small PDFs (and an image) by invented
providers; nothing here names a real person or body.
"""

from __future__ import annotations

import hashlib
import io
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sendfolio.domain.records import Attachment, LearningNeed
from sendfolio.domain.unchecked import IGNORED_SETTING, not_checked_id
from sendfolio.samples.certificate import certificate_pdf

if TYPE_CHECKING:
    from sendfolio.store import Folio

PLAN = (
    # need, action, due (days ago; negative: ahead), status, source, met_by
    (
        "How phased transitions are written into an EHC plan",
        "Read chapter 9 of the SEND Code of Practice before co-mediating.",
        270,
        "met",
        "case:SM-DEMO-001",
        "cpd:demo-cpd-2",
    ),
    (
        "Summarising sooner when emotions run high",
        "Practise short summaries in the next role play; discuss with the PPC.",
        200,
        "met",
        "case:SM-DEMO-002",
        "cpd:demo-cpd-4;reflection:demo-refl-1",
    ),
    (
        "Managing time in separate meetings",
        "Agree timings for separate meetings at the start of the next case; observe a colleague who keeps to time.",
        90,
        "met",
        "case:SM-DEMO-003",
        "cpd:demo-cpd-7;reflection:demo-refl-2",
    ),
    (
        "Writing agreements in SMART terms",
        "Lead a peer discussion with examples from my cases.",
        120,
        "met",
        "own",
        "cpd:demo-cpd-6",
    ),
    (
        "Bringing a young person's views into a four-party meeting",
        "Ask the key worker how the young person wants his views shared; reflect after the case.",
        50,
        "met",
        "ppc:demo-ppc-1",
        "reflection:demo-refl-3",
    ),
    (
        "Post-16 duties on further education colleges",
        "Attend the post-16 training day.",
        40,
        "met",
        "case:SM-DEMO-004",
        "cpd:demo-cpd-8",
    ),
    (
        "Preparing for adulthood: chapter 8 of the SEND Code",
        "Read chapter 8 and discuss it with the PPC at the next session.",
        -30,
        "open",
        "case:SM-DEMO-004",
        "",
    ),
)
"""The demo's learning needs, oldest target first."""


def learning_plan(today: date) -> list[LearningNeed]:
    """The demo learning plan, dated around `today`."""
    return [
        LearningNeed.from_dict(
            {
                "id": f"demo-need-{number}",
                "need": need,
                "action": action,
                "due": (today - timedelta(days=ago)).isoformat(),
                "status": status,
                "source": source,
                "met_by": met_by,
            }
        )
        for number, (need, action, ago, status, source, met_by) in enumerate(PLAN, start=1)
    ]


def attach_certificates(folio: Folio, today: date, training: dict[str, Any]) -> None:
    """Attach the demo's certificates to `folio`: the two courses' (PDF) and the membership card (PNG)."""
    foundation, send = training["demo-foundation"], training["demo-send"]
    name = folio.profile().name
    documents = (
        (
            "training:demo-foundation",
            "Foundation course certificate",
            "pdf",
            1,
            _course_certificate(foundation, name, 1),
        ),
        (
            "training:demo-send",
            "SEND training certificate and module record",
            "pdf",
            3,
            _course_certificate(send, name, 3),
        ),
        ("membership", "Membership record", "png", 1, _membership_card(folio.profile())),
    )
    for number, (target, title, file_type, pages, content) in enumerate(documents, start=1):
        record = Attachment.from_dict(
            {
                "id": f"demo-attachment-{number}",
                "evidence_for": target,
                "title": title,
                "file_type": file_type,
                "size": len(content),
                "pages": pages,
                "sha256": hashlib.sha256(content).hexdigest(),
                "added": today,
            }
        )
        folio.attach(record, content)
        if file_type != "pdf":  # the demo's own invented card: looked at, so its portfolio prints as it is
            looked_at = folio.get_setting(IGNORED_SETTING, []) or []
            folio.put_setting(IGNORED_SETTING, [*looked_at, not_checked_id("image", record.id, record.sha256)])


def _course_certificate(course: Any, name: str, pages: int) -> bytes:
    """A course certificate: the certificate, then (for `pages` > 1) the record of modules and assessment."""
    held = course.date.strftime("%d %B %Y").lstrip("0")
    first = [
        (course.provider, 16, "title"),
        ("Certificate of completion", 30, "title"),
        ("This is to certify that", 12, "body"),
        (name, 24, "title"),
        ("has completed", 12, "body"),
        (course.title, 16, "title"),
        (f"{course.hours:g} hours of training, completed on {held}", 12, "body"),
        (f"Recognised by the {course.recognised_by or 'provider'}", 11, "body"),
        ("", 12, "body"),
        ("Signed for the provider: A. Tutor, course director (fictional)", 10, "small"),
        ("Certificate no. DEMO-0001. This certificate is invented for sendfolio's demo.", 9, "small"),
    ]
    module_page = [
        ("Record of modules", 20, "title"),
        (course.title, 12, "body"),
        ("", 12, "body"),
        ("1. The legislative framework: Children and Families Act 2014, SEND Regulations 2014", 10, "small"),
        ("2. The SEND context: the Code of Practice 0-25, EHC needs assessments and plans", 10, "small"),
        ("3. Mediation practice in SEND disagreements: role plays, co-working, separate meetings", 10, "small"),
        ("4. Local processes: mediation advice, certificates, timescales and tribunal appeals", 10, "small"),
        ("", 12, "body"),
        ("Attendance: all sessions attended.", 10, "small"),
    ]
    assessment_page = [
        ("Record of assessment", 20, "title"),
        ("", 12, "body"),
        ("Assessed role play: passed, with the assessor's notes on summarising and neutrality.", 10, "small"),
        ("Written reflection on a SEND case study: passed.", 10, "small"),
        ("", 12, "body"),
        ("Assessor: B. Assessor (fictional)", 10, "small"),
    ]
    return certificate_pdf([first, module_page, assessment_page][:pages], title=f"{course.title}: certificate")


def _membership_card(profile: Any) -> bytes:
    """A membership card as a PNG image, drawn with Pillow."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1010, 640), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([8, 8, 1001, 631], outline=(31, 78, 90), width=8)
    draw.rectangle([8, 8, 1001, 130], fill=(31, 78, 90))
    lines = (
        ((60, 40), "Membership record: specimen", 44, "white"),
        ((60, 200), "Member", 30, (90, 106, 112)),
        ((60, 245), profile.name, 52, "black"),
        ((60, 350), "Membership number", 30, (90, 106, 112)),
        ((60, 395), profile.membership_number or "COM-00000", 44, "black"),
        ((60, 450), f"Registering body: {profile.membership_body}", 30, (90, 106, 112)),
        ((60, 540), "Invented for sendfolio's demo: not a real membership.", 26, (90, 106, 112)),
    )
    for place, text, size, colour in lines:
        draw.text(place, text, fill=colour, font=ImageFont.load_default(size))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False)
    return out.getvalue()
