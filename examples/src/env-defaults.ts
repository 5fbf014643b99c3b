// Imported first by cli.ts, before AdminJS reads it: Express 5 refuses to serve files from
// dot-directories, so the component bundle must not go to AdminJS's default `.adminjs`.
process.env.ADMIN_JS_TMP_DIR ??= 'adminjs-bundle'
