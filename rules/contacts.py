"""Contact rules (CT-004, CT-005): the agency's address, phone, fax and email, and its contact-point officials.

The shared ladder and word search are in :mod:`rules.content_base`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

from nd42.records import Evidence, Finding, PageFetch, PortalSnapshot, Severity, Status
from nd42.textnorm import clean, fold
from rules import citations as cite
from rules import facts, patterns
from rules.base import Option, RuleContext, register
from rules.content_base import (
    MAX_EVIDENCE,
    OFFICIAL_TITLES,
    PERSON_PREFIXES,
    PHONE_LABELS,
    ContentRule,
    Words,
    cut,
    has_words,
    join_en,
    join_vi,
    page_evidence,
    read_pages,
    section_evidence,
)
from rules.presence import missing_status_option

# ============================================================================================== CT-004
ADDRESS_LABELS = ("dia chi", "tru so")
NOT_POSTAL = ("thu", "email", "e", "mail", "website", "web", "trang", "ip", "cong", "url")
FIELD_STOPS = ("dien", "dt", "tel", "fax", "email", "e", "hotline", "website", "web")
FAX_RE = re.compile(r"\bfax\b\s*(?:[:.]\s*)?((?:\+84|\(?0)[\d\s().\-]{6,18}\d)", re.IGNORECASE)


@dataclasses.dataclass
class ContactItem:
    value: str
    where: str
    url: str
    snippet: str


def find_address(words: Words) -> tuple[str, str] | None:
    """(address, snippet) after "Địa chỉ:" / "Trụ sở:", or a "số 12 đường …" form."""
    for label in ADDRESS_LABELS:
        for at in words.find(label):
            start = at + len(label.split())
            if start < len(words) and words.folded[start] == "lien" and words.folded[start + 1:start + 2] == ("he",):
                start += 2
            if start >= len(words) or words.folded[start] in NOT_POSTAL:
                continue  # "địa chỉ thư điện tử", "địa chỉ email": not a postal address
            end = start
            while end < len(words) and end - start < 14 and words.folded[end] not in FIELD_STOPS:
                end += 1
            if end - start >= 2:
                first, last = words.spans[start][0], words.spans[end - 1][1]
                return words.text[first:last].strip(" ,;-–"), words.snippet(at, end - 1, 30)
    for at in words.find("so"):
        follow = words.folded[at + 1:at + 3]
        if len(follow) == 2 and follow[0][:1].isdigit() and follow[1] in ("duong", "pho"):
            end = min(at + 10, len(words) - 1)
            return words.text[words.spans[at][0]:words.spans[end][1]], words.snippet(at, end, 30)
    return None


def classify_numbers(text: str) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Phone-shaped numbers split into (phones, faxes) by the nearest label before each one."""
    phones, faxes = [], []
    for match in patterns.PHONE.finditer(text):
        number = match.group(0).strip()
        if patterns.digits(number) < 9:
            continue
        before = fold(text[max(0, match.start() - 30):match.start()]).split()
        label = next((w for w in reversed(before) if w == "fax" or w in PHONE_LABELS), None)
        if label == "fax":
            faxes.append((number, match.start()))
            at = len(before) - 1 - before[::-1].index("fax")
            if at > 0 and before[at - 1] in PHONE_LABELS:  # "ĐT/Fax: …" is both
                phones.append((number, match.start()))
        else:
            phones.append((number, match.start()))
    return phones, faxes


@register
class AgencyContacts(ContentRule):
    """The agency's address, phone, fax and email are published.

    **What it checks**
    The text of the contacts pages ("Liên hệ", "Thông tin liên hệ") and the home page's footer is
    searched for: an address ("Địa chỉ: …", "Trụ sở: …", "số 12 đường …"; "địa chỉ thư điện tử"
    is not an address), a phone number (any Vietnamese number not labelled "Fax"), a fax number
    ("Fax: …") and an email address.  The fax alone missing is a warning by default (option
    ``fax_missing_status``): many agencies no longer run a fax line.

    **Why it matters**
    Decree 42/2022 Art. 4.1.e (VERIFIED-2nd) and the Law on Access to Information Art. 19.1.đ
    (VERIFIED, in force) require the agency's address, phone, fax and email on the portal.

    **Non-compliant**
    The footer says "Sở Khoa học và Công nghệ tỉnh Hòa Lâm" with a phone number only, and there is
    no contact page: ``fail`` (no address, no email).

    **Compliant**
    "Địa chỉ: Số 12 đường Trần Hưng Đạo, phường Hòa Bình. Điện thoại: 0261 3544 567. Fax: 0261
    3544 568. Email: skhcn@hoalam.gov.vn": ``pass``.

    **Remediation**
    Publish the full postal address, switchboard phone, fax (if any) and the official email both on
    a contact page and in the footer of every page.
    """

    id = "CT-004"
    name = "content.agency-contacts"
    title_vi = "Có địa chỉ, điện thoại, fax, thư điện tử của cơ quan"
    title_en = "Agency address, phone, fax and email are published"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND42_4_1_E, cite.LAW104_19_1_DD)
    options = missing_status_option("fail") | {
        "fax_missing_status": Option(
            str, "warn",
            "Kết quả khi chỉ thiếu số fax: \"warn\", \"fail\" hoặc \"pass\".",
            "Status when only the fax number is missing: \"warn\", \"fail\" or \"pass\".",
            choices=("warn", "fail", "pass"),
        ),
    }
    description_vi = ("Trang liên hệ hoặc chân trang có địa chỉ, số điện thoại, số fax và địa chỉ thư điện tử của cơ "
                      "quan. Chỉ thiếu fax thì mặc định cảnh báo.")
    remediation_vi = ("Đăng đầy đủ địa chỉ trụ sở, số điện thoại, số fax (nếu có) và thư điện tử công vụ trên trang "
                      "liên hệ và ở chân trang.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        section, pages = read_pages(snapshot, "contacts")
        sources: list[tuple[str, str, str]] = [("contacts page", p.final_url or p.url, facts.text(p)) for p in pages]
        footer = clean(str(facts.layout(snapshot, "footer").get("text") or ""))
        home = snapshot.home()
        if footer:
            sources.append(("footer", home.url if home else snapshot.url, footer))
        if not sources:
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                "Không đọc được trang liên hệ và không thấy chân trang; không đánh giá được thông tin liên hệ.",
                "No contact page was read and no footer text was found; the contacts cannot be assessed.",
                evidence=[section_evidence(section)] if section else [],
                details={"contacts_section": section.state if section else None, "footer": False},
                error_class="no_text",
            )
            return
        items: dict[str, ContactItem] = {}
        for where, url, text in sources:
            words = Words.of(text)
            address = find_address(words)
            if address and "address" not in items:
                items["address"] = ContactItem(address[0], where, url, address[1])
            phones, faxes = classify_numbers(text)
            if phones and "phone" not in items:
                items["phone"] = ContactItem(phones[0][0], where, url, cut(text, phones[0][1], phones[0][1], 40))
            fax = FAX_RE.search(text)
            if "fax" not in items and (fax or faxes):
                value, at = (fax.group(1), fax.start()) if fax else faxes[0]
                items["fax"] = ContactItem(value.strip(), where, url, cut(text, at, at, 40))
            emails = patterns.EMAIL.findall(text)
            if emails and "email" not in items:
                official = [e for e in emails if patterns.GOV_EMAIL.fullmatch(e)]
                chosen = (official or emails)[0]
                at = text.find(chosen)
                items["email"] = ContactItem(chosen, where, url, cut(text, at, at + len(chosen), 40))
        order = ("address", "phone", "fax", "email")
        missing = [k for k in order if k not in items]
        names = {"address": ("địa chỉ", "address"), "phone": ("điện thoại", "phone"), "fax": ("fax", "fax"),
                 "email": ("thư điện tử", "email")}
        details: dict[str, Any] = {
            "found": {k: {"value": v.value, "where": v.where, "url": v.url} for k, v in items.items()},
            "missing": missing,
            "searched": [{"where": where, "url": url, "chars": len(text)} for where, url, text in sources],
        }
        evidence = [Evidence(url=v.url, locator=f"{v.where}: {k}", value=v.value, snippet=v.snippet)
                    for k, v in items.items()]
        searched_vi = ", ".join(("trang liên hệ " if w == "contacts page" else "chân trang ") + u
                                for w, u, _ in sources)
        searched_en = ", ".join(f"{w} {u}" for w, u, _ in sources)
        if not missing:
            yield self.finding(
                ctx, Status.PASS,
                "Có đủ địa chỉ, điện thoại, fax và thư điện tử của cơ quan "
                f"(thư điện tử: {items['email'].value}).",
                f"The agency's address, phone, fax and email are all published (email: {items['email'].value}).",
                evidence=evidence, details=details,
            )
            return
        missing_vi = join_vi([names[k][0] for k in missing])
        missing_en = join_en([names[k][1] for k in missing])
        if missing == ["fax"]:
            status = self.status_of(ctx, "fax_missing_status")
            yield self.finding(
                ctx, status,
                f"Có địa chỉ, điện thoại, thư điện tử nhưng không thấy số fax (đã tìm: {searched_vi}).",
                f"Address, phone and email are published, but no fax number was found (searched: {searched_en}).",
                evidence=evidence, details=details,
            )
            return
        status = self.status_of(ctx)
        message_vi = f"Thiếu {missing_vi} của cơ quan (đã tìm: {searched_vi})."
        verb = "is" if len(missing) == 1 else "are"
        message_en = f"The agency's {missing_en} {verb} missing (searched: {searched_en})."
        if section is not None and section.state == "unreachable" and status is Status.FAIL:
            status = Status.WARN
            details["configured_status"] = "fail"
            message_vi += f" Trang liên hệ không tải được ({section.error_class}), nên chỉ cảnh báo."
            message_en += f" The contact page could not be fetched ({section.error_class}), so this is a warning."
            evidence.append(section_evidence(section))
        yield self.finding(ctx, status, message_vi, message_en, evidence=evidence, details=details)


# ============================================================================================== CT-005
NAME_HEADERS = ("ho ten", "ho va ten", "can bo", "ten can bo")
PHONE_HEADERS = ("dien thoai", "dt", "so dien thoai", "di dong", "tel")
EMAIL_HEADERS = ("email", "e mail", "thu dien tu", "hop thu")
TITLE_HEADERS = ("chuc vu", "chuc danh")
OFFICIAL_WINDOW = 250


@dataclasses.dataclass
class Official:
    name: str
    title: str | None
    phone: str | None
    email: str | None
    url: str
    snippet: str

    @property
    def official_email(self) -> bool:
        return bool(self.email and patterns.GOV_EMAIL.fullmatch(self.email))

    @property
    def complete(self) -> bool:
        return bool(self.title and self.phone and self.official_email)


# Common Vietnamese family names (folded): a capitalised run starting with one is a personal name.
SURNAMES = frozenset((
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ho", "ngo", "duong",
    "ly", "dinh", "dao", "trinh", "mai", "truong", "luong", "lam", "ha", "ta", "cao", "doan", "vuong", "chau", "thai",
    "to", "kieu", "trieu", "luu", "quach", "la", "tong", "giang", "hua", "khuc", "lai", "nong", "luc", "thach",
    "ton", "bach", "kim", "mac", "hong", "van", "au", "khong", "lo", "ninh", "quang", "thieu", "tu",
))
# A name right after these words is a street or place ("đường Lê Lợi", "số 5 Ông Ích Khiêm", "tỉnh Hà Tĩnh").
PLACE_WORDS = frozenset(("duong", "pho", "so", "quan", "huyen", "tinh", "phuong", "xa", "thi", "tran", "ngo", "hem",
                         "kiet", "thon", "ap", "khu", "cau", "cho", "nga"))


def name_run(words: Words, start: int, limit: int = 5) -> int:
    """How many capitalised words, separated only by spaces, follow from ``start``."""
    end = start
    while (end < len(words) and end - start < limit and words.capitalised(end) and not words.folded[end].isdigit()
           and (end == start or words.joined(end))):
        end += 1
    return end - start


def person_at(words: Words, i: int) -> int | None:
    """The end (word index) of a person's name starting at word ``i``, or None.

    "Ông/Bà/Đồng chí" and two capitalised words, or a family name and two more capitalised words
    ("Trần Văn Bình").  A title alone ("Giám đốc Sở") is not a person: the law asks for the
    official's name.  Street and place names ("đường Lê Lợi", "Bà Rịa – Vũng Tàu") are not people.
    """
    if not words.capitalised(i) or (i > 0 and (words.folded[i - 1] in PLACE_WORDS or words.folded[i - 1].isdigit())):
        return None
    for prefix in PERSON_PREFIXES:
        size = len(prefix.split())
        if tuple(words.folded[i:i + size]) == tuple(prefix.split()) and i + size < len(words) \
                and words.joined(i + size):
            run = name_run(words, i + size)
            if run >= 2:
                return i + size + run
    if words.folded[i] in SURNAMES:
        run = name_run(words, i)
        if run >= 3:
            return i + run
    return None


def officials_in_text(page: PageFetch) -> list[Official]:
    """People named in a page's text with a phone and/or an email in the 250 characters after the name."""
    text = facts.text(page)
    words = Words.of(text)
    people: list[tuple[int, int]] = []  # word spans [start, end) of names
    i = 0
    while i < len(words):
        end = person_at(words, i)
        if end is None:
            i += 1
            continue
        people.append((i, end))
        i = end
    out: list[Official] = []
    for n, (first, last) in enumerate(people):
        position = words.spans[first][0]
        # The details after a name belong to it until the next name starts.
        stop = min(position + OFFICIAL_WINDOW, words.spans[people[n + 1][0]][0] if n + 1 < len(people) else len(text))
        after = text[position:stop]
        phones, _ = classify_numbers(after)
        emails = patterns.EMAIL.findall(after)
        if not phones and not emails:
            continue
        around = text[max(0, position - 60):stop]
        around_words = Words.of(around)
        seen = around_words.first(OFFICIAL_TITLES)
        title = None if seen is None else around_words.text[
            around_words.spans[seen[1]][0]:around_words.spans[seen[1] + len(seen[0].split()) - 1][1]]
        official_emails = [e for e in emails if patterns.GOV_EMAIL.fullmatch(e)]
        out.append(Official(name=text[position:words.spans[last - 1][1]], title=title,
                            phone=phones[0][0] if phones else None, email=(official_emails or emails or [None])[0],
                            url=page.final_url or page.url, snippet=cut(text, position, stop, 40)))
    return out


def official_tables(page: PageFetch) -> list[dict[str, Any]]:
    """Tables of officials: a name column and a phone or email column, with rows."""
    out = []
    for table in facts.fact_list(page, "tables"):
        headers = [fold(str(h)) for h in table.get("headers", []) if isinstance(h, str)]
        rows = table.get("rows", 0)
        has = {
            kind: any(has_words(h, phrases) for h in headers)
            for kind, phrases in (("name", NAME_HEADERS), ("phone", PHONE_HEADERS), ("email", EMAIL_HEADERS),
                                  ("title", TITLE_HEADERS))
        }
        if has["name"] and (has["phone"] or has["email"]) and isinstance(rows, int) and rows > 0:
            out.append({"headers": table.get("headers", []), "rows": rows, **has})
    return out


@register
class ContactOfficials(ContentRule):
    """Contact-point officials are published with name, title, phone and official email.

    **What it checks**
    On the contacts pages (and the leaders and organisation pages): a table of officials (a "Họ
    tên"/"Cán bộ" column and a phone or email column, with rows), or a person named in the text
    ("Ông/Bà/Đồng chí" and a capitalised name, or a full name such as "Trần Văn Bình") followed,
    within 250 characters, by a phone number and an email; the title ("Chánh Văn phòng",
    "chuyên viên") is looked for around the name.  A title with no name ("Chịu trách nhiệm: Giám
    đốc Sở") is not an official.  ``pass`` needs at least one official with a name, a title, a phone and
    an official (``@….gov.vn``) email.  Officials found with a private mailbox (gmail, yahoo) or
    without a phone: ``warn``.

    **Why it matters**
    Decree 42/2022 Art. 4.1.e (VERIFIED-2nd) requires the name, title, unit, phone and official
    email of the contact-point officials; the Law on Access to Information Art. 19.1.đ (VERIFIED, in
    force) requires the contacts of the person receiving information requests.

    **Non-compliant**
    The contact page gives only the agency's switchboard: ``fail``.  "Bà Lê Thị Hoa, chuyên viên,
    0912 345 678, hoale.skhcn@gmail.com": ``warn`` (not an official mailbox).

    **Compliant**
    "Đầu mối tiếp nhận yêu cầu cung cấp thông tin: Ông Trần Văn Bình – Chánh Văn phòng, ĐT: 0261
    3544 570, email: binhtv@skhcn.hoalam.gov.vn": ``pass``.

    **Remediation**
    Publish, for each contact point (information requests, press, IT), the official's name, title,
    unit, phone and a mailbox on the agency's .gov.vn mail system.
    """

    id = "CT-005"
    name = "content.contact-officials"
    title_vi = "Có thông tin cán bộ đầu mối liên hệ"
    title_en = "Contact-point officials are published"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND42_4_1_E, cite.LAW104_19_1_DD)
    options = missing_status_option("fail")
    description_vi = ("Có ít nhất một cán bộ đầu mối với họ tên, chức vụ, số điện thoại và thư điện tử công vụ "
                      "(@….gov.vn) trên trang liên hệ (hoặc trang lãnh đạo, cơ cấu tổ chức). Có cán bộ nhưng dùng thư "
                      "điện tử cá nhân hoặc thiếu điện thoại thì cảnh báo.")
    remediation_vi = ("Đăng họ tên, chức vụ, đơn vị, số điện thoại và thư điện tử công vụ (.gov.vn) của cán bộ đầu mối "
                      "(tiếp nhận yêu cầu cung cấp thông tin, phát ngôn, kỹ thuật).")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        contacts, contact_pages = read_pages(snapshot, "contacts")
        if contacts is None:
            yield self.section_absent(ctx, "contacts")
            return
        pages = contact_pages + read_pages(snapshot, "leaders")[1] + read_pages(snapshot, "organisation")[1]
        officials: list[Official] = []
        tables: list[tuple[PageFetch, dict[str, Any]]] = []
        for page in pages:
            officials += officials_in_text(page)
            tables += [(page, t) for t in official_tables(page)]
        complete = [o for o in officials if o.complete]
        gov_in_tables = [
            (page, t) for page, t in tables
            if t["title"] and t["phone"] and t["email"] and patterns.GOV_EMAIL.search(facts.text(page))
        ]
        details: dict[str, Any] = {
            "officials": [dataclasses.asdict(o) | {"official_email": o.official_email} for o in officials[:10]],
            "official_count": len(officials),
            "complete_count": len(complete),
            "tables": [{"url": p.url, **t} for p, t in tables[:5]],
            "pages": [p.url for p in pages],
        }
        evidence = [Evidence(url=o.url, locator="main text: official", value=o.name, snippet=o.snippet)
                    for o in (complete or officials)[:MAX_EVIDENCE]]
        evidence += [page_evidence(p, "table", " | ".join(str(h) for h in t["headers"]), f"{t['rows']} rows")
                     for p, t in tables[:3]]
        if complete or gov_in_tables:
            first = complete[0] if complete else None
            who_vi = f"{first.name} ({first.title}, {first.phone}, {first.email})" if first else "bảng cán bộ"
            who_en = f"{first.name} ({first.title}, {first.phone}, {first.email})" if first else "a table of officials"
            yield self.finding(
                ctx, Status.PASS,
                f"Có thông tin cán bộ đầu mối với họ tên, chức vụ, điện thoại và thư điện tử công vụ: {who_vi}.",
                f"Contact-point officials are published with name, title, phone and official email: {who_en}.",
                evidence=evidence, details=details,
            )
            return
        if officials or tables:
            gaps_vi, gaps_en = [], []
            if officials and not any(o.official_email for o in officials):
                gaps_vi.append("thư điện tử không phải hộp thư công vụ .gov.vn")
                gaps_en.append("the emails are not official .gov.vn mailboxes")
            if officials and not any(o.phone for o in officials):
                gaps_vi.append("không có số điện thoại")
                gaps_en.append("no phone number")
            if officials and not any(o.title for o in officials):
                gaps_vi.append("không nêu chức vụ")
                gaps_en.append("no title")
            if not officials:
                gaps_vi.append("bảng thiếu cột chức vụ, điện thoại hoặc thư điện tử công vụ")
                gaps_en.append("the table lacks a title, phone or official-email column")
            if not gaps_vi:  # each item is somewhere, but no single official has them all
                gaps_vi.append("không cán bộ nào có đủ chức vụ, điện thoại và thư điện tử công vụ")
                gaps_en.append("no single official has a title, a phone and an official email")
            count = len(officials) or len(tables)
            yield self.finding(
                ctx, Status.WARN,
                f"Có thông tin cán bộ liên hệ ({count}) nhưng {'; '.join(gaps_vi)}.",
                f"Contact officials are published ({count}), but {'; '.join(gaps_en)}.",
                evidence=evidence, details=details,
            )
            return
        if contacts.state == "unreachable" and not pages:
            yield self.section_unreachable(ctx, contacts)
            return
        if not pages:
            yield self.pages_not_read(ctx, contacts)
            return
        status = self.status_of(ctx)
        where = ", ".join(p.url for p in pages)
        message_vi = f"Không thấy cán bộ đầu mối nào (họ tên kèm điện thoại, thư điện tử) trên {where}."
        message_en = f"No contact-point official (a name with a phone and email) was found on {where}."
        if contacts.state == "unreachable" and status is Status.FAIL:
            status = Status.WARN
            details["configured_status"] = "fail"
            message_vi += f" Trang liên hệ không tải được ({contacts.error_class}), nên chỉ cảnh báo."
            message_en += f" The contact page could not be fetched ({contacts.error_class}), so this is a warning."
        evidence = [page_evidence(p, "main text", snippet=cut(facts.text(p), 0, 0, 160)) for p in pages[:3]]
        yield self.finding(ctx, status, message_vi, message_en, evidence=evidence, details=details)
