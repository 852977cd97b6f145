"""The identifier check against a corpus: every disguised identifier found, ordinary mediation text left alone.

Every name, number and address here is fictional: phone numbers from Ofcom's drama ranges,
NHS numbers from the 9xx test range, e-mail addresses at example domains.
"""

from __future__ import annotations

import pytest

from sendfolio.domain.identifier_patterns import do_not_print_pattern, matches

DO_NOT_PRINT = ["Zoe", "O'Brien", "Oak Lane Primary", "Anne-Marie", "Kowalski", "Zebedee Smith"]
"""The corpus folio's do-not-print list."""

WORDS = do_not_print_pattern(DO_NOT_PRINT)
"""The list as one pattern."""

PHONES = [
    "07700 900123",
    "07700900123",
    "07700-900-123",
    "07700\u2013900\u2013123",
    "07700\u2014900\u2014123",
    "07700 900 123",
    "07700.900.123",
    "07700/900123",
    "07700\u00a0900\u00a0123",
    "07700\u2009900\u2009123",
    "07700\u200b900123",
    "077\u00ad00 900123",
    "\uff10\uff17\uff17\uff10\uff10 \uff19\uff10\uff10\uff11\uff12\uff13",
    "+44 7700 900123",
    "+44 (0)7700 900123",
    "0044 7700 900123",
    "+447700900123",
    "\uff0b44 7700 900123",
    "020.7946.0958",
    "020 7946 0958",
    "(020) 7946 0958",
    "020\u20127946\u20120958",
    "0161 496 0000",
    "0161-496-0123",
    "(0161) 496 0000",
    "0113 496 0456",
    "0117 496 0789",
    "01632 960001",
    "01632\u00a0960\u00a0001",
    "0300 123 4567",
    "0800 123 456",
    "029 2018 0999",
    "028 9649 6000",
]
"""UK phone numbers, written every way the issue found leaking and more."""

POSTCODES = [
    "SW1A 1AA",
    "SW1A  1AA",
    "SW1A-1AA",
    "Sw1a 1aA",
    "sw1a 1aa",
    "SW1A\u00a01AA",
    "SW1A\u202f1AA",
    "SW1A\u200b 1AA",
    "M1 1AE",
    "B33 8TH",
    "CR2 6XH",
    "DN55 1PT",
    "EC1A1BB",
    "GIR 0AA",
    "LS1 4AP",
    "ls1 4ap",
    "Ne1 7ru",
    "\uff2d\uff11 \uff11\uff21\uff25",
    "W1A 0AX",
    "L1 8JQ",
    "G2 3WT",
]
"""UK postcodes in any case, spacing and width."""

NHS_NUMBERS = [
    "943 476 5919",
    "9434765919",
    "943-476-5919",
    "943.476.5919",
    "943 476 59 19",
    "943\u00a0476\u00a05919",
    "943\u2013476\u20135919",
    "996 030 8243",
    "993 518 1901",
    "937-865-7974",
    "937.865.79.74",
    "\uff19\uff14\uff13 \uff14\uff17\uff16 \uff15\uff19\uff11\uff19",
]
"""NHS numbers (valid check digits) as 3-3-4 or 3-3-2-2 digits with spaces, dots, hyphens or dashes."""

DATES_OF_BIRTH = [
    "DOB 12/03/2015",
    "D.O.B.: 12.03.15",
    "dob - 2015-03-12",
    "DoB 03-03-2015",
    "date of birth 3rd March 2014",
    "Date of Birth: 3 Mar 2014",
    "born on the 12th of March 2015",
    "born March 12, 2015",
    "born in May 2016",
    "born: 03-Mar-2015",
    "born 3 March 2015",
    "b. 3/3/2015",
    "b. 03-Mar-2015",
    "birth date 03/03/2015",
    "birthdate: 3/3/15",
    "Birthday is 4th June 2016",
    "DOB\u00a012/03/2015",
    "DOB \uff11\uff12/\uff10\uff13/\uff12\uff10\uff11\uff15",
    "born\u00a0on 12\u202fMarch\u00a02015",
]
"""Dates of birth introduced in words, every way the issue found leaking and more."""

EMAILS = [
    "parent.one@example.org",
    "jo@b\u00fccher.example",
    "jo @ example.com",
    "jo\u00ad@example.com",
    "jo\u200b@example.com",
    "J_Smith+send@council.example.gov.uk",
    "JO@EXAMPLE.COM",
    "mum.dad@school.example.sch.uk",
    "jo@\u043f\u0440\u0438\u043c\u0435\u0440.example",
    "\uff4a\uff4f\uff20\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45\uff0e\uff43\uff4f\uff4d",
    "o'brien.family@example.org",
    "first.last@sub.example.org",
    "jo\uff20example.com",
]
"""E-mail addresses, including accented and non-Latin domains and spaces round the @."""

NAMES = [
    ("Zo\u00ade", "Zo\u00ade"),
    ("Zo\u00eb", "Zo\u00eb"),
    ("Zoe\u0308", "Zoe\u0308"),
    ("ZOE", "ZOE"),
    ("zoe_smith", "zoe"),
    ("Zoe2", "Zoe"),
    ("Zoe's", "Zoe"),
    ("Zoe\u2019s", "Zoe"),
    ("Z\u200boe", "Z\u200boe"),
    ("\uff3a\uff4f\uff45", "\uff3a\uff4f\uff45"),
    ("O Brien", "O Brien"),
    ("OBrien", "OBrien"),
    ("O'BRIEN", "O'BRIEN"),
    ("O\u2019Brien", "O\u2019Brien"),
    ("O-Brien", "O-Brien"),
    ("oak lane primary", "oak lane primary"),
    ("Oak\u00a0Lane Primary", "Oak\u00a0Lane Primary"),
    ("Oak-Lane Primary", "Oak-Lane Primary"),
    ("Anne Marie", "Anne Marie"),
    ("annemarie", "annemarie"),
    ("Anne\u2013Marie", "Anne\u2013Marie"),
    ("Kowalski's", "Kowalski"),
    ("KOWALSKI", "KOWALSKI"),
    ("Kowalski2024", "Kowalski"),
    ("zebedee_smith", "zebedee_smith"),
    ("Zebedee\u00a0Smith", "Zebedee\u00a0Smith"),
]
"""(as written, what the finding shows) for words on the do-not-print list."""

SENTENCES = [
    "Please note: {} came up in the joint meeting.",
    "Spoke to the parent afterwards ({}); agreed to follow up.",
    "{}",
]
"""Sentences to put identifiers in, cycled through."""

POSITIVES = [
    *((value, "phone", value) for value in PHONES),
    *((value, "postcode", value) for value in POSTCODES),
    *((value, "nhs-number", value) for value in NHS_NUMBERS),
    *((value, "date-of-birth", value) for value in DATES_OF_BIRTH),
    *((value, "email", value) for value in EMAILS),
    *((value, "do-not-print", shown) for value, shown in NAMES),
]
"""(identifier as written, category, the text the finding shows)."""

ORDINARY = [
    "Case SM-2025-014 met on 2025-03-02 for 1.5 hours; follow-up 12/03/2025.",
    "Observed f1.pm.initial-contact and f3.db.strengths; Year 10 2nd term, KS2 results.",
    "Met 3 times in 2024, 20 hours CPD, EHC plan section F, 30 days, 0.5 h.",
    "Tribunal reference EH123/24/00001 and LA decision notice dated 01/02/2025.",
    "The mediation was born of a wish to agree; this is borne out by the notes.",
    "The LA's duty under s.42 of the Children and Families Act 2014 was discussed.",
    "Section 19 principles framed the opening statement.",
    "The EHCP 2024-25 annual review had not been held.",
    "Joint session 10:30-12:00, then a break until 12:30.",
    "Times agreed: 09:30\u201311:45 and 13:00\u201315:00.",
    "Reading: ISBN 978-0-19-852663-6, chapters 3 and 4.",
    "Older edition, ISBN 0-19-852663-6, has the same case studies.",
    "Fee of \u00a31,250.00 invoiced to the LA; travel \u00a345.60.",
    "Preparation took 1.5 h and follow-up 0.75 h.",
    "Hours this quarter: 0.5 0.5 1.5 2.0 1.0 in the log.",
    "Mediation meeting held on 3rd March 2025 at the LA offices.",
    "Next meeting Tuesday 14 October 2025, 2pm.",
    "Regulation 7(2) of the SEND Regulations 2014 sets the two-month limit.",
    "Paragraph 11.13 of the SEND Code of Practice 2015 was shared.",
    "Registered with the College of Mediators, reg no. 01234567.",
    "Provider company no. 08123456, charity no. 1012345.",
    "School URN 123456 and LAESTAB 123/4567 noted for the LA.",
    "Parents asked about section I (placement) and section F provision.",
    "The certificate was issued within 3 working days.",
    "Health commissioner told on 2025-04-01, within the 3 days.",
    "PPC supervision of 1 hour on 12/02/2025 covered impartiality.",
    "Form 3 de-brief completed with the PPC the same week.",
    "The young person (Year 11) wanted a voice in the meeting.",
    "Discussed the 0-25 age range of the Code.",
    "Version 2.1.3 of the LA's local offer leaflet was out of date.",
    "The ratio of support was 1:2 in the morning sessions.",
    "Part 3 of the Children and Families Act 2014 applies.",
    "Refresher training: 6 hours, 2024-11-05, Example Mediation Academy.",
    "Case ref SM/2025/03 concluded with partial agreement.",
    "LA reference 2024/0123/EHC was quoted on the notice.",
    "The tribunal appeal deadline is 2 months from the decision notice.",
    "Mediation certificate within 3 working days, SEND Regulations 2014 reg 8.",
    "Read chapter 9 (EHC needs assessments and plans), pages 142-198.",
    "Agreement reached on transport; therapy hours 2.5 per week.",
    "OT provision 6 x 45 minutes per half term.",
    "SALT input of 1 hour per fortnight, reviewed termly.",
    "Role-play assessment passed on 17/06/2024.",
    "Foundation course: 40 hours, 5 days, written assignment 3,000 words.",
    "The LA could not arrange mediation within 30 days.",
    "Mediation adviser contacted 2025-02-10; certificate 2025-02-12.",
    "Between 2023 and 2025 I led 12 cases and co-mediated 4.",
    "Year 6 2nd term transition planning was the main issue.",
    "KS4 3rd year options were not in dispute.",
    "The Y6 2hr session ran over by 20 minutes.",
    "Room 2B, floor 3, of the civic centre.",
    "Costs split 50/50 between the LA and health.",
    "The plan was finalised on 1 Sept 2025.",
    "Phase transfer deadline of 15 February was met.",
    "Annual review 2025/26 due in the spring term.",
    "Specialist placement costs of \u00a332,500 per year were in dispute.",
    "Four issues: placement; transport; SALT; OT.",
    "Temperature of the meeting was calm; 3 breaks taken.",
    "I reflected using Gibbs (1988) and Kolb (1984).",
    "Schon's reflection-in-action fits this case well.",
    "Agreed wording: 'the LA will fund 10 hours of 1:1 support'.",
    "Timeline: decision notice 01/03/2025, mediation 15/04/2025.",
    "Minutes circulated within 48 hours, by 5pm on 17/04/2025.",
    "CPD total 20.5 hours against 20 required.",
    "Observed by a PPC (COM) on 2025-06-10.",
    "Training recognised by the CMC in 2023.",
    "A 3-2-1 summary closed the session.",
    "Q1 2025 had 4 cases; Q2 2025 had 6.",
    "The meeting lasted 3.25 hours including 2 caucuses.",
    "Outcome: agreement on sections B, F and I.",
    "Tribunal hearing listed for 2025-09-22, 10:00.",
    "Health element: 2 x 30 min physio sessions weekly.",
    "Deadline: 20 weeks from request to final plan.",
    "The family's first language is not English; interpreter booked.",
    "Parents said the school was 'born again' under new leadership.",
    "Reading list item 4: Fisher and Ury, 3rd edition, 2011.",
    "Invoice INV-2025-0042 sent on 02/05/2025.",
    "Page 3 of 7 of the working document.",
    "Offered dates 3/3, 10/3 and 17/3.",
    "The 2014 reforms and the 2015 Code were both cited.",
    "COM registration 2024/25 renewed on time.",
    "Mediation held online via the LA's platform at 9.30am.",
    "Supervision notes: 1.0 h, one-to-one, 2025-01-20.",
    "Sessions on 01.02.2025, 08.02.2025 and 15.02.2025.",
    "Break from 11.15 to 11.30, then joint session to 13.00.",
    "EHC plan issued 2023-07-14; amended 2024-03-01.",
    "SEN support since Reception (2019), EHCP since 2022.",
    "Statutory assessment requested 2024-10-01.",
    "Score of 7/10 on the feedback form.",
    "Feedback: 4.5 out of 5 from both parties.",
    "Reference number SEN/2025/0457 from the LA.",
    "The CMC's code of conduct, 2018 edition, section 4.2.",
    "Reviewed 12 reflections written since 2023-04-01.",
    "Travel time 1 hr 15 min each way, not counted.",
    "Agreement signed at 3:45pm by both parties.",
    "Follow-up call booked for 10am Friday.",
    "No agreement; parents will appeal to the First-tier Tribunal.",
    "Caucus with the LA officer lasted 40 minutes.",
    "Impartiality was tested when the SENCo joined late.",
    "The B2 band of funding was discussed.",
    "The plan named a mainstream school with 25 hours TA support.",
    "Local offer webpage reviewed on 2025-05-05.",
    "My learning plan: 2 books, 1 course, 3 peer observations.",
    "This was my 3rd co-mediation and 1st as lead.",
    "Recorded in the case log as SM-2025-021.",
    "Observation by PPC counts towards Form 2, criterion 4.",
    "Zoetrope and Oakley were words used in the play therapy report.",
    "Brienne and Marie attended as advocates from a charity.",
    "See Appendix B. 2019 guidance on annual reviews.",
    "Under section 4(b). 2020 regulations did not apply.",
]
"""Ordinary sentences of a mediator's notes: references, dates, times, hours, money, section numbers."""


def test_the_corpus_is_big_enough():
    """At least 100 disguised identifiers and 100 ordinary sentences."""
    assert len(POSITIVES) >= 100 and len(ORDINARY) >= 100


@pytest.mark.parametrize(("value", "category", "shown"), POSITIVES, ids=[repr(item[0]) for item in POSITIVES])
def test_every_disguised_identifier_is_found(value, category, shown):
    """Each identifier is found in a sentence, with its category, and shown as it is written."""
    sentence = SENTENCES[POSITIVES.index((value, category, shown)) % len(SENTENCES)].format(value)
    found = [(kind, hit.group()) for kind, hit in matches(sentence, WORDS)]
    assert (category, shown) in found


def test_at_most_two_false_alarms_in_ordinary_text():
    """Ordinary mediation sentences raise at most 2 findings between them."""
    alarms = [(sentence, hit.group()) for sentence in ORDINARY for _, hit in matches(sentence, WORDS)]
    assert len(alarms) <= 2, alarms
