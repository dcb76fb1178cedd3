#!/usr/bin/python3
"""Makes the TrueType (glyf) woff2 subsets of Noto Serif/Sans SC that documents embed as data: fonts.

Why: Debian's Noto CJK fonts are CFF collections of 65k glyphs; Chromium's PDF backend writes such
fonts glyph by glyph as Type 3 (700-1100 ms per notice). Quadratic (glyf) subsets are embedded as
"CID TrueType" and a notice renders in under 100 ms (see /work/shared/DESIGN.md, "Documents").

Two sets per face (regular, bold):
- fixed-*.woff2: only the templates' own characters (templates/**/*.hbs, the seal), ASCII and
  punctuation; a few tens of KB, embedded in each document as a data: URL.
- serif-sc-*.ttf (family "OneWindow Serif SC"): GB2312 level 1 (3,755 most common hanzi), its
  symbol rows and the above; loaded by Chromium as a system font through assets/fonts/fonts.conf.
  Embedding it as data: costs 200-450 ms per document (a 1.9 MB page to set and parse). Run with Debian's python3-fonttools
(and python3-brotli for woff2):  /usr/bin/python3 scripts/fonts/make-subsets.py
"""
import glob
import os
import sys

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
OUT = os.path.join(ROOT, 'assets', 'fonts')
NOTO = '/usr/share/fonts/opentype/noto'

FAMILY = 'OneWindow Serif SC'
FACES = [
    # (output name, collection, face name inside the collection, style)
    ('serif-sc-regular', 'NotoSerifCJK-Regular.ttc', 'Noto Serif CJK SC', 'Regular'),
    ('serif-sc-bold', 'NotoSerifCJK-Bold.ttc', 'Noto Serif CJK SC Bold', 'Bold'),
]


def gb2312_rows(first, last):
    """The characters of GB2312 rows `first`..`last` (lead bytes 0xA0 + row)."""
    chars = []
    for hi in range(0xA0 + first, 0xA0 + last + 1):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes([hi, lo]).decode('gb2312'))
            except UnicodeDecodeError:
                pass
    return chars


def gb2312_level1():
    """Rows 16-55 of GB2312: the 3,755 level-1 hanzi."""
    return gb2312_rows(16, 55)


def gb2312_symbols():
    """Rows 1-9 of GB2312: punctuation, full-width forms, circled and Roman numerals."""
    return gb2312_rows(1, 9)


def template_text(with_samples):
    text = ''
    patterns = ['templates/**/*.hbs', 'templates/**/*.css', 'server/src/documents/*.ts']
    if with_samples:
        patterns.append('templates/**/sample.json')
    for pattern in patterns:
        for path in glob.glob(os.path.join(ROOT, pattern), recursive=True):
            with open(path, encoding='utf-8') as f:
                text += f.read()
    return text


def unicodes(common=True):
    """common: the system face (GB2312 level 1 and symbols); otherwise only the templates' own text."""
    chars = set(chr(c) for c in range(0x20, 0x7F))
    chars.update('，。、；：？！“”‘’（）《》〈〉【】〔〕—…·￥％＋－×÷＝℃〇＿　')
    chars.update(c for c in template_text(with_samples=common) if ord(c) > 0x7F)
    if common:
        chars.update(gb2312_level1())
        chars.update(gb2312_symbols())
    return sorted(ord(c) for c in chars if not c.isspace() or c in ' \u3000')


def find_face(path, wanted):
    for number in range(10):
        font = TTFont(path, fontNumber=number, lazy=False)
        if font['name'].getDebugName(4) == wanted:
            return font
    raise SystemExit(f'{wanted} not found in {path}')


def to_quadratic(font):
    """CFF (cubic) outlines to glyf (quadratic): fontTools' otf2ttf recipe."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable('glyf')
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font['loca'] = newTable('loca')
    font['glyf'] = glyf
    del font['CFF ']
    for tag in ('VORG', 'vhea', 'vmtx'):
        if tag in font:
            del font[tag]
    glyf.compile(font)
    hmtx = font['hmtx']
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, 'xMin'):
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    maxp = newTable('maxp')
    maxp.tableVersion = 0x00010000
    for field in ('maxZones',):
        setattr(maxp, field, 1)
    for field in ('maxTwilightPoints', 'maxStorage', 'maxFunctionDefs', 'maxInstructionDefs',
                  'maxStackElements', 'maxSizeOfInstructions', 'maxComponentElements'):
        setattr(maxp, field, 0)
    font['maxp'] = maxp
    post = font['post']
    post.formatType = 3.0
    font.sfntVersion = '\x00\x01\x00\x00'


def rename(font, family, style):
    """Own family name, so that the system face never collides with Debian's CFF Noto CJK."""
    ps = family.replace(' ', '') + '-' + style
    for record in list(font['name'].names):
        if record.nameID in (16, 17, 21, 22):
            font['name'].removeNames(nameID=record.nameID)
    for name_id, value in ((1, family), (2, style), (3, ps), (4, f'{family} {style}'), (6, ps)):
        font['name'].setName(value, name_id, 3, 1, 0x409)
        font['name'].setName(value, name_id, 1, 0, 0)


def make(name, collection, face, style, codes, family, flavor):
    font = find_face(os.path.join(NOTO, collection), face)
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    options.notdef_outline = True
    options.drop_tables += ['GSUB', 'GPOS', 'GDEF', 'BASE', 'VORG', 'vhea', 'vmtx', 'DSIG']
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codes)
    subsetter.subset(font)
    to_quadratic(font)
    rename(font, family, style)
    font.flavor = flavor
    path = os.path.join(OUT, f'{name}.{flavor or "ttf"}')
    font.save(path)
    print(f'{path}: {os.path.getsize(path)} bytes, {len(codes)} code points')


def main():
    os.makedirs(OUT, exist_ok=True)
    codes = unicodes(common=True)
    fixed = unicodes(common=False)
    with open(os.path.join(OUT, 'charset.txt'), 'w', encoding='utf-8') as f:
        f.write(''.join(chr(c) for c in codes))
    # checked by server/src/documents/fonts.test.ts: a template edit needs a new subset
    with open(os.path.join(OUT, 'fixed-charset.txt'), 'w', encoding='utf-8') as f:
        f.write(''.join(chr(c) for c in fixed))
    for name, collection, face, style in FACES:
        if len(sys.argv) > 1 and name not in sys.argv[1:]:
            continue
        # the small face embedded in every document as a data: URL (the templates' fixed text)
        make(f'fixed-{name}', collection, face, style, fixed, 'OneWindow Fixed SC', 'woff2')
        # the system face (fontconfig, assets/fonts/fonts.conf) for the data in the documents;
        # plain TrueType: Chromium's FreeType does not open a woff2 file as a system font
        make(name, collection, face, style, codes, FAMILY, None)


main()
