/* plugin.h: loading plugins (see the Plugins section of actbench.h). */
#ifndef AB_PLUGIN_H
#define AB_PLUGIN_H
/* Loads and registers a plugin; on any problem prints one line and exits 2. */
void ab_load_plugin(const char *path);
#endif
