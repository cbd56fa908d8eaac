#include <alsa/asoundlib.h>

/* ALSA prints its own errors to stderr ("ALSA lib pcm.c:…: Unknown PCM default") before
   returning them; the console reports the error once, in its own words. A variadic handler
   cannot be written in Swift, so it lives here. */
static void hotline_alsa_silent(const char *file, int line, const char *function, int err, const char *fmt, ...) {
    (void)file; (void)line; (void)function; (void)err; (void)fmt;
}

static inline void hotline_alsa_quiet(void) {
    snd_lib_error_set_handler(hotline_alsa_silent);
}
