/*
 * tui-keys.h - keys as terminals really send them: a decoder for escape
 * sequences and bracketed paste, fed what curses reads.
 *
 * curses decodes only the sequences its terminfo entry names; PuTTY, rxvt
 * and tmux send others (Home as ESC [1~, F1 as ESC [11~, keypad 5 as
 * ESC [E, paste markers ESC [200~), and curses hands them over as Esc
 * followed by plain characters.  This decoder takes those inputs one at a
 * time and turns them back into whole events: a known sequence becomes its
 * key, an unknown one (a CSI sequence up to its final byte 0x40-0x7e, an
 * SS3 sequence, Alt plus a key) is dropped whole and reported once, and
 * text between ESC [200~ and ESC [201~ becomes one paste event.  Esc alone
 * is Esc once nothing follows it within a short wait.
 *
 * It is pure (no curses, no clock): the caller reads with a timeout while
 * tui_keys_pending() says a sequence is open, and reports a read that timed
 * out with tui_keys_timeout().  tui-term.c drives it from getch().
 */
#ifndef CML_TUI_KEYS_H
#define CML_TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

/* Keys that the decoder recognises in a sequence (tui-term.c maps them to
   curses key codes). */
enum tui_key_name {
	TUI_KEY_HOME,
	TUI_KEY_END,
	TUI_KEY_F1,
	TUI_KEY_UP,
	TUI_KEY_DOWN,
	TUI_KEY_RIGHT,
	TUI_KEY_LEFT,
	TUI_KEY_INSERT,
	TUI_KEY_DELETE,
	TUI_KEY_PAGE_UP,
	TUI_KEY_PAGE_DOWN,
	TUI_KEY_BACK_TAB,
	TUI_KEY_NAME_COUNT
};

/* A sequence the decoder knows, and the key it stands for. */
struct tui_key_sequence {
	const char *bytes;      /* starting with ESC, NUL-terminated */
	enum tui_key_name name;
};

/* Every known sequence (tui-term.c registers them with define_key too). */
extern const struct tui_key_sequence tui_key_sequences[];
extern const int tui_key_sequences_count;

enum tui_keys_kind {
	TUI_KEYS_CODE,    /* .code: a byte or a curses key code, passed on;
			     27 is Esc alone */
	TUI_KEYS_NAMED,   /* .name: a known sequence */
	TUI_KEYS_UNKNOWN, /* an escape sequence dropped whole */
	TUI_KEYS_PASTE,   /* .text: a bracketed paste (may be empty) */
};

struct tui_keys_event {
	enum tui_keys_kind kind;
	int code;
	enum tui_key_name name;
	/* TUI_KEYS_PASTE: the pasted bytes as received, control characters
	   (line breaks included) kept; NUL-terminated, owned by the decoder,
	   valid until the next feed.  See tui_keys_paste_line(). */
	const char *text;
};

/* The longest paste kept; the rest of a longer paste is dropped. */
#define TUI_KEYS_PASTE_MAX 4096
/* The longest sequence matched against the table (longer: unknown). */
#define TUI_KEYS_SEQ_MAX 32
#define TUI_KEYS_QUEUE 4

struct tui_keys {
	int state;                         /* private: where in a sequence */
	char seq[TUI_KEYS_SEQ_MAX + 1];    /* the sequence so far */
	int seq_len;
	bool seq_long;                     /* longer than seq[] holds */
	bool in_paste;                     /* between ESC [200~ and ESC [201~ */
	char paste[TUI_KEYS_PASTE_MAX + 1];
	size_t paste_len;
	struct tui_keys_event queue[TUI_KEYS_QUEUE];
	int head, count;                   /* events not yet taken */
};

/* Starts a decoder with nothing pending. */
void tui_keys_init(struct tui_keys *k);

/*
 * Feeds one input: a byte (0-255) or a curses key code (above 255, passed
 * on as it is outside a sequence; inside one it ends the sequence, which
 * is dropped, and inside a paste it is dropped).  Events become available
 * to tui_keys_next().
 */
void tui_keys_feed(struct tui_keys *k, int input);

/* Tells the decoder that the wait for more input ran out: Esc alone is
   Esc, an unfinished sequence is unknown, an unfinished paste ends. */
void tui_keys_timeout(struct tui_keys *k);

/* True while a sequence or paste is open: read on with a timeout of
   tui_keys_wait_ms() and call tui_keys_timeout() if nothing comes. */
bool tui_keys_pending(const struct tui_keys *k);

/* How long to wait for the rest of what is pending, in milliseconds. */
int tui_keys_wait_ms(const struct tui_keys *k);

/* Takes the next event; false if there is none. */
bool tui_keys_next(struct tui_keys *k, struct tui_keys_event *ev);

/*
 * What a paste inserts into a one-line field: its first line that has
 * any text (line breaks end it; leading ones are skipped), with other
 * control characters dropped; bytes 0x80 and above (UTF-8) kept.  Writes
 * at most size - 1 bytes and a NUL into out; returns the length.
 */
size_t tui_keys_paste_line(const char *text, char *out, size_t size);

#endif
