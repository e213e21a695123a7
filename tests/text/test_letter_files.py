"""
read_letter: reply letters from text files, web pages, Word documents and PDFs.

The files are written at test time by tests/fixtures/letters/make_files.py
(milliseconds each) from the founding letter and the test letters.
"""

from __future__ import annotations

import io
import pickle
import sys
import zipfile
from pathlib import Path

import make_files
import pytest

import gxai_policy as gp
from gxai_policy.data import founding_letter
from gxai_policy.text.files import detect_format, letter_text
from gxai_policy.text.files._docx import format_number
from gxai_policy.text.files._pdf import _joined

LETTERS = Path(__file__).parent / "letters"
TEXTS = {"founding": founding_letter()} | {
    p.stem: p.read_text(encoding="utf-8") for p in sorted(LETTERS.glob("*.txt"))
}
#: These two ARE the text of a PDF, hard-wrapped line by line: typeset again as a PDF, each
#: of their broken lines would be a paragraph of its own, as no department publishes a letter.
PDF_TEXT_COPIES = {"pdf-wrapped", "pdf-damaged-markers"}
MAKERS = {"html": make_files.to_html, "docx": make_files.to_docx, "pdf": make_files.to_pdf}


def _record(reply: gp.Reply) -> dict[str, object]:
    """
    The reply as data, without its spans: they are offsets into the text each format gives.
    """
    data = gp.to_dict(reply)
    del data["spans"]
    return data


def _cases() -> list[tuple[str, str]]:
    return [
        (fmt, name)
        for fmt in MAKERS
        for name in TEXTS
        if not (fmt == "pdf" and name in PDF_TEXT_COPIES)
    ]


class TestSameReplyAsText:
    @pytest.mark.parametrize(("fmt", "name"), _cases(), ids=lambda v: v)
    def test_file_reads_to_the_reply_of_its_text(self, fmt, name):
        """
        Each letter written as a page, a Word document or a PDF reads to the Reply of its text.
        """
        text = TEXTS[name]
        data = MAKERS[fmt](text)
        assert fmt == detect_format(data)
        assert _record(gp.parse_reply(text)) == _record(gp.read_letter(data))

    def test_text_file_reads_as_its_text(self):
        """
        A plain-text file (GBK here) reads to the very Reply of its text, spans too.
        """
        text = founding_letter()
        assert gp.parse_reply(text) == gp.read_letter(text.encode("gbk"))

    @pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "gb18030"])
    def test_text_encodings(self, encoding):
        """
        UTF-8 with BOM, UTF-16 with BOM and GB18030 are read alike.
        """
        reply = gp.read_letter(founding_letter().encode(encoding))
        assert "农工民主党广西区委" == reply.recipient

    def test_strict_is_the_readers(self):
        """
        strict=True refuses the founding letter's PDF as parse_reply refuses its text.
        """
        with pytest.raises(gp.ParseError) as caught:
            gp.read_letter(make_files.to_pdf(founding_letter()), strict=True)
        assert "reply.missing_doc_number" == caught.value.code


class TestSources:
    def test_path_bytes_and_binary_file(self, tmp_path):
        """
        A path (str or Path), bytes, a bytearray and a binary file give the same Reply.
        """
        data = make_files.to_docx(TEXTS["npc-number-only"])
        path = tmp_path / "letter.bin"
        path.write_bytes(data)
        replies = [
            gp.read_letter(s) for s in (str(path), path, data, bytearray(data), io.BytesIO(data))
        ]
        # A path's reply says where it was read (the file's name); content alone cannot.
        assert [gp.Source.of(path)] * 2 + [None] * 3 == [r.source for r in replies]
        same = [
            gp.replace(
                r, source=None, references=tuple(gp.replace(x, source=None) for x in r.references)
            )
            for r in replies
        ]
        assert all(same[0] == r for r in same)

    def test_source_info_is_the_replys_source(self):
        """
        source_info, when given, is the reply's source and its cited documents', at their spans.
        """
        where = gp.Source.of("https://kjt.gxzf.gov.cn/reply.html", title="答复的函")
        reply = gp.read_letter(make_files.to_html(founding_letter()), source_info=where)

        assert where == reply.source
        assert reply.references
        assert all(r.source is not None and r.source.url == where.url for r in reply.references)

    def test_text_mode_file_is_a_type_error(self, tmp_path):
        """
        A file opened in text mode is a programming error: TypeError, saying so.
        """
        path = tmp_path / "letter.txt"
        path.write_text("王明代表：", encoding="utf-8")
        with path.open(encoding="utf-8") as fp, pytest.raises(TypeError, match="binary file"):
            gp.read_letter(fp)

    def test_format_given_skips_detection(self):
        """
        format="txt" reads a page's markup as text: the letter is still found in it.
        """
        page = make_files.to_html(TEXTS["npc-number-only"])
        assert "<p>王丽代表：</p>" in letter_text(page, format="txt")
        assert "王丽代表：" in letter_text(page, format="html").split("\n")

    def test_unknown_format_name(self):
        """
        A format that is none of the four is a ValueError naming them.
        """
        with pytest.raises(ValueError, match="txt, html, docx, pdf"):
            letter_text(b"x", format="odt")  # type: ignore[arg-type]


class TestDetection:
    @pytest.mark.parametrize(
        ("data", "reason"),
        [
            (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "Word 97-2003"),
            (b"\x00\x01\x02\x03binary", "binary data"),
        ],
    )
    def test_other_files_are_refused(self, data, reason):
        """
        A legacy .doc and binary data are file.unknown_format, each with its reason.
        """
        with pytest.raises(gp.ParseError, match=reason) as caught:
            gp.read_letter(data)
        assert "file.unknown_format" == caught.value.code

    @pytest.mark.parametrize(
        ("member", "reason"), [("OFD.xml", "OFD"), ("content.xml", "no Word document")]
    )
    def test_zip_archives_that_are_no_docx(self, member, reason):
        """
        An OFD document and another ZIP archive are refused, saying which.
        """
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr(member, "<x/>")
        with pytest.raises(gp.ParseError, match=reason) as caught:
            gp.read_letter(out.getvalue())
        assert "file.unknown_format" == caught.value.code


class TestHtml:
    def test_furniture_is_dropped(self):
        """
        Breadcrumbs, the 索引号 table, share and print widgets, related links and footer go.
        """
        text = letter_text(make_files.to_html(TEXTS["table-figures"]))
        for furniture in ("当前位置", "索引号", "分享到", "打印本页", "相关链接", "版权所有"):
            assert furniture not in text
        assert text.startswith("关于自治区十四届人大二次会议第318号建议答复的函")

    def test_tables_stay_tables(self):
        """
        A table's rows come as | a | b | rows, one a line.
        """
        text = letter_text(make_files.to_html(TEXTS["table-figures"]))
        assert "| 年份 | 企业数（家） | 高新技术企业（家） |\n| 2021 | 172 | 87 |" in text

    def test_headline_outside_the_block_leads(self):
        """
        A page's <h1> standing outside the letter's block is its first line.
        """
        page = (
            "<html><body><h1>关于第57号建议的答复</h1><div class='crumb'>首页</div>"
            "<div id='content'><p>王明代表：</p><p>您的第57号建议收悉。</p>"
            "<p>一、总体情况</p><p>已落实。</p></div></body></html>"
        )
        assert "关于第57号建议的答复" == gp.read_letter(page.encode()).title

    def test_table_layout_portal(self):
        """
        A page laid out in one table, the 索引号 table nested in it, keeps the letter.
        """
        page = (
            "<html><body><table><tr><td><table><tr><td>索引号：</td><td>001</td>"
            "<td>发布机构：</td><td>某市科学技术局</td></tr></table></td></tr>"
            "<tr><td class='print-area'><p>王明代表：</p><p>您的第57号建议收悉。</p>"
            "<p>一、总体情况</p><p>已落实。</p></td></tr></table></body></html>"
        )
        text = letter_text(page.encode())
        assert "索引号" not in text
        assert "王明代表" == gp.read_letter(page.encode()).recipient

    def test_article_header_keeps_its_headline(self):
        """
        An article's own <header> holds the headline: it stays; the site's <header> goes.
        """
        page = (
            "<html><body><header><h1>某市人民政府门户网站</h1></header><article><header>"
            "<h1>关于第57号建议的答复</h1></header><p>王明代表：</p><p>您的第57号建议收悉。</p>"
            "<p>一、总体情况</p><p>已落实。</p></article></body></html>"
        )
        assert "关于第57号建议的答复" == gp.read_letter(page.encode()).title

    def test_charset_of_the_page(self):
        """
        A page in GBK that says so in its <meta> is read in GBK.
        """
        page = '<html><head><meta charset="gbk"></head><body><p>王明代表：</p>'
        page += "<p>您的第57号建议收悉。</p></body></html>"
        assert "王明代表" == gp.read_letter(page.encode("gbk")).recipient

    def test_page_without_a_letter(self):
        """
        A web page that holds no letter is letter.not_a_letter.
        """
        page = "<html><body><div class='nav'>首页</div><p>今天天气很好。</p></body></html>"
        with pytest.raises(gp.ParseError) as caught:
            gp.read_letter(page.encode())
        assert "letter.not_a_letter" == caught.value.code


class TestDocx:
    def test_numbering_is_written_back(self):
        """
        Word's automatic numbering shows as 一、 and （一） before the headings' text.
        """
        data = make_files.to_docx(founding_letter())
        lines = letter_text(data).split("\n")
        assert "一、已开展工作情况" in lines
        assert "（一）加强顶层设计。" in lines
        assert "二、下一步工作计划" in lines

    def test_header_and_footer_left_out(self):
        """
        The running header and the footer's page number are not in the text.
        """
        text = letter_text(make_files.to_docx(founding_letter()))
        assert "建议提案答复" not in text
        assert "— 1 —" not in text

    def test_red_letterhead_is_the_letterhead(self):
        """
        The red 发文机关标志, letter-spaced, reads as one line: the sender of an unsigned letter.
        """
        data = make_files.to_docx(TEXTS["npc-number-only"], letterhead="某 市 科 学 技 术 局")
        assert "某市科学技术局" == letter_text(data).split("\n")[0]
        text = "某市科学技术局\n\n" + TEXTS["addressee-only"]
        data = make_files.to_docx(TEXTS["addressee-only"], letterhead="某 市 科 学 技 术 局")
        assert _record(gp.parse_reply(text)) == _record(gp.read_letter(data))

    @pytest.mark.parametrize(
        ("fmt", "numbers"),
        [
            ("chineseCounting", ["一", "十", "十一", "二十", "一百零五"]),
            ("decimal", ["1", "10", "11", "20", "105"]),
            ("chineseLegalSimplified", ["壹", "拾", "拾壹", "贰拾", "壹佰零伍"]),
            ("decimalEnclosedCircle", ["①", "⑩", "⑪", "⑳", "105"]),
            ("lowerRoman", ["i", "x", "xi", "xx", "cv"]),
            ("upperLetter", ["A", "J", "K", "T", "AAAAA"]),
        ],
    )
    def test_list_formats(self, fmt, numbers):
        """
        Each list format shows numbers as Word does.
        """
        assert numbers == [format_number(n, fmt) for n in (1, 10, 11, 20, 105)]

    def test_truncated_document_is_damaged(self):
        """
        A DOCX cut short is file.damaged.
        """
        data = make_files.to_docx(founding_letter())
        with pytest.raises(gp.ParseError) as caught:
            gp.read_letter(data[: len(data) // 2])
        assert "file.damaged" == caught.value.code

    def test_zip_without_its_parts_is_damaged(self):
        """
        A ZIP holding word/document.xml but no package parts is file.damaged, not a KeyError.
        """
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("word/document.xml", "<w:document/>")
        with pytest.raises(gp.ParseError) as caught:
            gp.read_letter(out.getvalue())
        assert "file.damaged" == caught.value.code


class TestPdf:
    def test_page_numbers_and_running_header_dropped(self):
        """
        — N — page numbers and the running header of pages 2 on are not in the text.
        """
        data = make_files.to_pdf(founding_letter(), header="桂科函 · 建议提案答复")
        text = letter_text(data)
        assert "— 2 —" not in text
        assert "建议提案答复" not in text

    def test_running_header_in_body_type_is_dropped_when_repeated(self):
        """
        A running header as large as the text goes too, since pages 2 and 3 repeat it.
        """
        letter = founding_letter()
        data = make_files.to_pdf(letter, header="桂科函 · 建议提案答复", header_size=15.5)
        assert "建议提案答复" not in letter_text(data)
        assert _record(gp.parse_reply(letter)) == _record(gp.read_letter(data))

    def test_paragraphs_are_rebuilt(self):
        """
        A paragraph wrapped over many lines comes back as one line.
        """
        text = letter_text(make_files.to_pdf(founding_letter()))
        opening = gp.parse_reply(founding_letter()).opening
        assert opening is not None
        assert opening.split("\n")[1] in text.split("\n")

    @pytest.mark.parametrize(
        ("before", "after", "joined"),
        [
            ("machine learn-", "ing works", "machine learning works"),
            ("Copyright 2021", "All Rights", "Copyright 2021 All Rights"),
            ("人工智能", "产业", "人工智能产业"),
            ("GB/T 9704-", "2012", "GB/T 9704-2012"),
        ],
    )
    def test_lines_join(self, before, after, joined):
        """
        Hyphenation is undone, Latin words keep a space, Chinese joins with none.
        """
        assert joined == _joined(before, after)

    def test_scan_is_refused(self):
        """
        A PDF without a text layer is file.scanned, saying it is a scan and needs OCR.
        """
        with pytest.raises(gp.ParseError, match="scan") as caught:
            gp.read_letter(make_files.scanned_pdf())
        assert "file.scanned" == caught.value.code
        assert "OCR" in caught.value.message

    def test_encrypted_is_refused(self):
        """
        A PDF locked with a password is file.encrypted.
        """
        data = make_files.to_pdf(TEXTS["npc-number-only"], encrypt="secret")
        with pytest.raises(gp.ParseError) as caught:
            gp.read_letter(data)
        assert "file.encrypted" == caught.value.code

    def test_truncated_is_damaged(self):
        """
        A PDF cut to its first bytes is file.damaged.
        """
        with pytest.raises(gp.ParseError) as caught:
            gp.read_letter(make_files.to_pdf(founding_letter())[:400])
        assert "file.damaged" == caught.value.code


class TestMissingExtra:
    @pytest.mark.parametrize(
        ("fmt", "module", "extra"),
        [("html", "lxml", "html"), ("docx", "docx", "docx"), ("pdf", "pdfminer", "pdf")],
    )
    def test_names_the_extra(self, monkeypatch, fmt, module, extra):
        """
        Without its reader a format raises MissingExtraError naming the extra to install.
        """
        data = MAKERS[fmt](TEXTS["npc-number-only"])
        monkeypatch.setitem(sys.modules, module, None)
        with pytest.raises(gp.MissingExtraError) as caught:
            gp.read_letter(data)
        assert extra == caught.value.extra
        assert f"pip install 'gxai-policy[{extra}]'" in str(caught.value)
        assert isinstance(caught.value, ImportError)

    def test_pickles(self):
        """
        MissingExtraError crosses processes whole.
        """
        error = gp.MissingExtraError(extra="pdf", module="pdfminer", purpose="reading PDF files")
        clone = pickle.loads(pickle.dumps(error))
        assert (error.extra, str(error)) == (clone.extra, str(clone))


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx_of(body: str, *, numbering: str = "", styles: str = "") -> bytes:
    """
    A Word document whose body is *body* (WordprocessingML), with extra lists and styles.
    """
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    element = document.element.body
    for child in list(element):
        if not child.tag.endswith("}sectPr"):
            element.remove(child)
    wrapped = parse_xml(
        f'<w:body xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/'
        f'markup-compatibility/2006">{body}</w:body>'
    )
    for i, child in enumerate(wrapped):
        element.insert(i, child)
    for xml in filter(None, [numbering]):
        for child in parse_xml(f'<w:numbering xmlns:w="{W}">{xml}</w:numbering>'):
            document.part.numbering_part.element.append(child)
    for xml in filter(None, [styles]):
        for child in parse_xml(f'<w:styles xmlns:w="{W}">{xml}</w:styles>'):
            document.styles.element.append(child)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _p(text: str, ppr: str = "", rpr: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:rPr>{rpr}</w:rPr><w:t>{text}</w:t></w:r></w:p>"


LIST = (
    '<w:abstractNum w:abstractNumId="77"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
    '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1.%2"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="77"><w:abstractNumId w:val="77"/></w:num>'
    '<w:num w:numId="78"><w:abstractNumId w:val="77"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>'
)


class TestWordNumbering:
    def test_style_numbering_and_start_override(self):
        """
        A heading style's list numbers its paragraphs; a list's startOverride starts it later.
        """
        styles = (
            '<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr>'
            '<w:numId w:val="77"/><w:ilvl w:val="0"/></w:numPr></w:pPr></w:style>'
            '<w:style w:type="paragraph" w:styleId="H1x"><w:basedOn w:val="H1"/></w:style>'
        )
        body = (
            _p("总体情况", '<w:pStyle w:val="H1"/>')
            + _p("具体工作", '<w:pStyle w:val="H1x"/>')
            + _p("细则", '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="77"/></w:numPr>')
            + _p("要点", '<w:numPr><w:ilvl w:val="2"/><w:numId w:val="77"/></w:numPr>')
            + _p("后续", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="78"/></w:numPr>')
            + _p("无编号", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>')
        )
        text = letter_text(_docx_of(body, numbering=LIST, styles=styles))
        expected = ["一、总体情况", "二、具体工作", "二.1细则", "要点", "三、后续", "无编号"]
        assert expected == text.split("\n\n")

    def test_text_box_letterhead_and_content_controls(self):
        """
        A red letterhead in a text box comes first; content controls are read; deletions not.
        """
        red = '<w:color w:val="E00000"/>'
        box = (
            f"<w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent>"
            f"{_p('广 西 壮 族 自 治 区 科 学 技 术 厅', rpr=red)}</w:txbxContent></w:drawing>"
            f"</mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
            f"{_p('广西壮族自治区科学技术厅', rpr=red)}</w:txbxContent></w:pict></mc:Fallback>"
            f"</mc:AlternateContent></w:r></w:p>"
        )
        body = (
            box
            + "<w:sdt><w:sdtContent>"
            + _p("王明代表：")
            + "</w:sdtContent></w:sdt>"
            + "<w:p><w:r><w:t>您的第57号建议收悉。</w:t></w:r>"
            + "<w:del><w:r><w:delText>删去</w:delText><w:t>旧文</w:t></w:r></w:del></w:p>"
        )
        text = letter_text(_docx_of(body))
        assert ["广西壮族自治区科学技术厅", "王明代表：", "您的第57号建议收悉。"] == text.split(
            "\n\n"
        )
        assert "广西壮族自治区科学技术厅" == gp.read_letter(_docx_of(body)).sender

    def test_one_cell_table_is_a_frame(self):
        """
        A one-cell table (a framed letterhead) is a line; a nested table's rows are not repeated.
        """
        cell = "<w:tc>{}</w:tc>"
        inner = "<w:tbl><w:tr>" + cell.format(_p("内")) + cell.format(_p("表")) + "</w:tr></w:tbl>"
        body = (
            "<w:tbl><w:tr>" + cell.format(_p("某市科学技术局")) + "</w:tr></w:tbl>"
            "<w:tbl><w:tr>" + cell.format(_p("甲") + inner) + cell.format(_p("乙|丙")) + "</w:tr>"
            "</w:tbl>"
        )
        assert "某市科学技术局\n\n| 甲 | 乙｜丙 |" == letter_text(_docx_of(body))
