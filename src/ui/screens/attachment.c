/*
 * attachment — the complaint's optional attachment step, between its
 * form and its review: the letter step of letter.h with the words of an
 * attachment (a letter, a receipt, a photo on paper) that may be skipped
 * without handing anything at the desk.
 */
#include "ui/i18n.h"
#include "ui/letter.h"
#include "ui/screens.h"

static const struct ui_letter_flow *flow(void)
{
    static struct ui_letter_flow f;
    f = (struct ui_letter_flow){
        .prefix = "complaint",
        .letter = &ui_screen_complaint_letter,
        .pages = &ui_screen_complaint_pages,
        .back = &ui_screen_complaint_form,
        .next = &ui_screen_complaint_review,
        .optional = true,
        .title = _("Lampiran (boleh dilewati)"),
        .intro = _("Bila ada bukti tertulis, misalnya surat atau kuitansi, Bapak/Ibu dapat "
                   "memindainya di sini. Bila tidak ada, lewati saja."),
    };
    return &f;
}

static void letter(struct ui *ui)
{
    ui_letter_step(ui, flow());
}

static void pages(struct ui *ui)
{
    ui_letter_pages(ui, flow());
}

const struct ui_screen ui_screen_complaint_letter = {"complaint.letter", letter, true};
const struct ui_screen ui_screen_complaint_pages = {"complaint.pages", pages, true};
