/*
 * errors.c -- the code-to-text table for libharu 2.3.0 errors.
 *
 * Texts describe what went wrong from the point of view of someone writing
 * a briefing: most codes can only mean a bug in brief or in libharu, and say
 * so ("internal error: ..."); the ones a user can cause (fonts, images, files,
 * dates) say what to fix.
 */
#include "pdf/errors.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <hpdf_error.h>

static const struct pdf_error {
	unsigned long code;
	const char *text;
} pdf_errors[] = {
	{HPDF_ARRAY_COUNT_ERR, "internal error: array too long"},
	{HPDF_ARRAY_ITEM_NOT_FOUND, "internal error: array item not found"},
	{HPDF_ARRAY_ITEM_UNEXPECTED_TYPE, "internal error: array item of unexpected type"},
	{HPDF_BINARY_LENGTH_ERR, "internal error: binary data too long"},
	{HPDF_CANNOT_GET_PALLET, "cannot read the image's palette"},
	{HPDF_DICT_COUNT_ERR, "internal error: dictionary too large"},
	{HPDF_DICT_ITEM_NOT_FOUND, "internal error: dictionary item not found"},
	{HPDF_DICT_ITEM_UNEXPECTED_TYPE, "internal error: dictionary item of unexpected type"},
	{HPDF_DICT_STREAM_LENGTH_NOT_FOUND, "internal error: stream without length"},
	{HPDF_DOC_ENCRYPTDICT_NOT_FOUND, "internal error: encryption dictionary missing"},
	{HPDF_DOC_INVALID_OBJECT, "internal error: invalid document object"},
	{HPDF_DUPLICATE_REGISTRATION, "internal error: object registered twice"},
	{HPDF_EXCEED_JWW_CODE_NUM_LIMIT, "internal error: too many JWW codes"},
	{HPDF_ENCRYPT_INVALID_PASSWORD, "invalid encryption password"},
	{HPDF_ERR_UNKNOWN_CLASS, "internal error: unknown object class"},
	{HPDF_EXCEED_GSTATE_LIMIT, "internal error: graphics states nested too deeply"},
	{HPDF_FAILD_TO_ALLOC_MEM, "out of memory"},
	{HPDF_FILE_IO_ERROR, "file read or write failed"},
	{HPDF_FILE_OPEN_ERROR, "cannot open the file"},
	{HPDF_FONT_EXISTS, "a font of the same name is already loaded"},
	{HPDF_FONT_INVALID_WIDTHS_TABLE, "the font's widths table is invalid"},
	{HPDF_INVALID_AFM_HEADER, "invalid AFM font metrics header"},
	{HPDF_INVALID_ANNOTATION, "internal error: invalid annotation"},
	{HPDF_INVALID_BIT_PER_COMPONENT, "unsupported image bit depth"},
	{HPDF_INVALID_CHAR_MATRICS_DATA, "invalid character metrics in font"},
	{HPDF_INVALID_COLOR_SPACE, "unsupported image color space"},
	{HPDF_INVALID_COMPRESSION_MODE, "internal error: invalid compression mode"},
	{HPDF_INVALID_DATE_TIME, "invalid date"},
	{HPDF_INVALID_DESTINATION, "internal error: invalid link destination"},
	{HPDF_INVALID_DOCUMENT, "internal error: the document is in an error state"},
	{HPDF_INVALID_DOCUMENT_STATE, "internal error: operation not allowed now"},
	{HPDF_INVALID_ENCODER, "internal error: invalid text encoder"},
	{HPDF_INVALID_ENCODER_TYPE, "internal error: wrong kind of text encoder"},
	{HPDF_INVALID_ENCODING_NAME, "internal error: unknown text encoding"},
	{HPDF_INVALID_ENCRYPT_KEY_LEN, "invalid encryption key length"},
	{HPDF_INVALID_FONTDEF_DATA, "the font maps no characters libharu can use"},
	{HPDF_INVALID_FONTDEF_TYPE, "internal error: wrong kind of font definition"},
	{HPDF_INVALID_FONT_NAME, "unknown font name"},
	{HPDF_INVALID_IMAGE, "invalid image"},
	{HPDF_INVALID_JPEG_DATA, "invalid or unsupported JPEG data"},
	{HPDF_INVALID_N_DATA, "internal error: invalid N data"},
	{HPDF_INVALID_OBJECT, "internal error: invalid object"},
	{HPDF_INVALID_OBJ_ID, "internal error: invalid object id"},
	{HPDF_INVALID_OPERATION, "internal error: invalid operation"},
	{HPDF_INVALID_OUTLINE, "internal error: invalid outline entry"},
	{HPDF_INVALID_PAGE, "internal error: invalid page"},
	{HPDF_INVALID_PAGES, "internal error: invalid page tree"},
	{HPDF_INVALID_PARAMETER, "a value is out of the allowed range"},
	{HPDF_INVALID_PNG_IMAGE, "invalid PNG image"},
	{HPDF_INVALID_STREAM, "internal error: invalid stream"},
	{HPDF_MISSING_FILE_NAME_ENTRY, "internal error: missing file name"},
	{HPDF_INVALID_TTC_FILE, "invalid TrueType collection"},
	{HPDF_INVALID_TTC_INDEX, "no such font in the TrueType collection"},
	{HPDF_INVALID_WX_DATA, "invalid glyph width data"},
	{HPDF_ITEM_NOT_FOUND, "internal error: item not found"},
	{HPDF_LIBPNG_ERROR, "the PNG library could not read the image"},
	{HPDF_NAME_INVALID_VALUE, "internal error: invalid PDF name"},
	{HPDF_NAME_OUT_OF_RANGE, "internal error: PDF name too long"},
	{HPDF_PAGE_INVALID_PARAM_COUNT, "internal error: wrong number of parameters"},
	{HPDF_PAGES_MISSING_KIDS_ENTRY, "internal error: page tree without kids"},
	{HPDF_PAGE_CANNOT_FIND_OBJECT, "internal error: page object not found"},
	{HPDF_PAGE_CANNOT_GET_ROOT_PAGES, "internal error: no root page tree"},
	{HPDF_PAGE_CANNOT_RESTORE_GSTATE, "internal error: graphics state stack empty"},
	{HPDF_PAGE_CANNOT_SET_PARENT, "internal error: cannot attach page"},
	{HPDF_PAGE_FONT_NOT_FOUND, "internal error: text without a font"},
	{HPDF_PAGE_INVALID_FONT, "internal error: invalid font"},
	{HPDF_PAGE_INVALID_FONT_SIZE, "font size must be above 0 and at most 600 points"},
	{HPDF_PAGE_INVALID_GMODE, "internal error: drawing operator out of sequence"},
	{HPDF_PAGE_INVALID_INDEX, "internal error: invalid page index"},
	{HPDF_PAGE_INVALID_ROTATE_VALUE, "invalid page rotation"},
	{HPDF_PAGE_INVALID_SIZE, "page size must be between 3 and 14400 points"},
	{HPDF_PAGE_INVALID_XOBJECT, "internal error: invalid image object"},
	{HPDF_PAGE_OUT_OF_RANGE, "a drawing value is out of range (color outside 0..1 "
	                         "or negative line width)"},
	{HPDF_REAL_OUT_OF_RANGE, "a number is out of range"},
	{HPDF_STREAM_EOF, "unexpected end of file"},
	{HPDF_STREAM_READLN_CONTINUE, "internal error: line too long"},
	{HPDF_STRING_OUT_OF_RANGE, "text too long (more than 65535 bytes)"},
	{HPDF_THIS_FUNC_WAS_SKIPPED, "internal error: function skipped after an earlier error"},
	{HPDF_TTF_CANNOT_EMBEDDING_FONT, "the font's license does not allow embedding"},
	{HPDF_TTF_INVALID_CMAP, "the font has no Unicode character map"},
	{HPDF_TTF_INVALID_FOMAT, "the font file is malformed or its name table "
	                         "lacks a PostScript name"},
	{HPDF_TTF_MISSING_TABLE, "the font lacks a table libharu needs"},
	{HPDF_UNSUPPORTED_FONT_TYPE, "unsupported font type"},
	{HPDF_UNSUPPORTED_FUNC, "unsupported operation"},
	{HPDF_UNSUPPORTED_JPEG_FORMAT, "unsupported JPEG format"},
	{HPDF_UNSUPPORTED_TYPE1_FONT, "unsupported Type 1 font"},
	{HPDF_XREF_COUNT_ERR, "too many objects in the document"},
	{HPDF_ZLIB_ERROR, "compression failed"},
	{HPDF_INVALID_PAGE_INDEX, "internal error: invalid page index"},
	{HPDF_INVALID_URI, "invalid link address"},
	{HPDF_PAGE_LAYOUT_OUT_OF_RANGE, "internal error: invalid page layout"},
	{HPDF_PAGE_MODE_OUT_OF_RANGE, "internal error: invalid page mode"},
	{HPDF_PAGE_NUM_STYLE_OUT_OF_RANGE, "internal error: invalid page number style"},
	{HPDF_ANNOT_INVALID_ICON, "internal error: invalid annotation icon"},
	{HPDF_ANNOT_INVALID_BORDER_STYLE, "internal error: invalid annotation border"},
	{HPDF_PAGE_INVALID_DIRECTION, "internal error: invalid page direction"},
	{HPDF_INVALID_FONT, "invalid font"},
	{HPDF_PAGE_INSUFFICIENT_SPACE, "text does not fit its box"},
	{HPDF_PAGE_INVALID_DISPLAY_TIME, "internal error: invalid display time"},
	{HPDF_PAGE_INVALID_TRANSITION_TIME, "internal error: invalid transition time"},
	{HPDF_INVALID_PAGE_SLIDESHOW_TYPE, "internal error: invalid slide show type"},
	{HPDF_EXT_GSTATE_OUT_OF_RANGE, "internal error: graphics state value out of range"},
	{HPDF_INVALID_EXT_GSTATE, "internal error: invalid graphics state"},
	{HPDF_EXT_GSTATE_READ_ONLY, "internal error: graphics state is read-only"},
	{HPDF_INVALID_U3D_DATA, "invalid U3D data"},
	{HPDF_NAME_CANNOT_GET_NAMES, "internal error: cannot get names"},
	{HPDF_INVALID_ICC_COMPONENT_NUM, "invalid ICC color profile"},
};

/* The tables libharu 2.3.0 requires of a TrueType font, in the order whose
 * index it passes as the detail of HPDF_TTF_MISSING_TABLE. */
static const char *const pdf_ttf_tables[] = {
	"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea", "hmtx",
	"loca", "maxp", "name", "post", "prep",
};

void pdf_error_text(unsigned long code, unsigned long detail,
                    char *buf, size_t size)
{
	size_t n = sizeof pdf_ttf_tables / sizeof pdf_ttf_tables[0];

	/* Codes whose detail says more than the code itself. */
	if (code == HPDF_TTF_MISSING_TABLE && detail < n) {
		const char *tag = pdf_ttf_tables[detail];
		bool outlines = strcmp(tag, "glyf") == 0 || strcmp(tag, "loca") == 0;
		snprintf(buf, size, "the font has no '%s' table%s", tag,
		         outlines ? " (only TrueType outlines are supported, not "
		                    "CFF/.otf fonts)" : "");
		return;
	}
	/* For an open failure the detail is errno; for I/O it is only ferror(). */
	if (code == HPDF_FILE_OPEN_ERROR && detail != 0 && detail < 4096) {
		snprintf(buf, size, "%s", strerror((int)detail));
		return;
	}

	for (size_t i = 0; i < sizeof pdf_errors / sizeof pdf_errors[0]; i++) {
		if (pdf_errors[i].code == code) {
			snprintf(buf, size, "%s", pdf_errors[i].text);
			return;
		}
	}
	snprintf(buf, size, "unknown libharu failure (code 0x%04lX)", code);
}
