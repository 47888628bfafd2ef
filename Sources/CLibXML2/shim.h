#ifndef COMP_CLIBXML2_SHIM_H
#define COMP_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU; its headers would then pull in the system's ICU headers,
   which clash with the ICU copy inside Swift's Foundation. comp uses no ICU-specific libxml2 API. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>

/// libxml2's `xmlFree` is a global function pointer, which Swift 6 cannot read safely from any
/// thread: this calls it.
static inline void comp_xml_free(void *pointer) {
    xmlFree(pointer);
}

/// libxml2's generic error callback is variadic, which Swift cannot implement:
/// this one drops the message (comp collects structured errors instead).
static void comp_xml_ignore_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

/// Silences libxml2's default printing to stderr for this thread.
static inline void comp_xml_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, comp_xml_ignore_generic_error);
}

#endif
