/**
 * English UI texts that must never reach Maud's screen: AdminJS's and its libraries' defaults
 * (react-select, react-datepicker), raw enum codes, English month and day names. Matched as whole
 * words, case-sensitive (« Liste », « Filtrer », « Nom » do not match « List », « Filter », « No »).
 * Add to it whenever a tour finds a new one.
 *
 * Not listed on purpose: « Actions », « Navigation », « Pages », « Message », « Type », « Date »,
 * « Notifications », « Documents » and « Code », which are French words too.
 */
export const ENGLISH_DENY_LIST: readonly string[] = [
  // react-select defaults
  'Select...', 'No options', 'Loading...', 'Loading',
  // AdminJS's own buttons, actions, titles and messages (en locale)
  'Filter', 'Filters', 'Show', 'Edit', 'Delete', 'Delete all', 'Create new', 'Add new item', 'List',
  'Save', 'Cancel', 'Confirm', 'Apply changes', 'Reset', 'Log out', 'Login', 'Log in', 'Dashboard',
  'Yes', 'No', 'No records', 'There are no records in this resource', 'Selected', 'From', 'To', 'Length',
  'Welcome', 'Email', 'Password', 'Page not found', 'You cannot perform', 'Successfully', 'Search',
  'Previous', 'Next', 'Previous Month', 'Next Month', 'Choose', 'Time', 'month',
  'Resource of given id', 'does not have an action', 'See development console',
  'Javascript Error', 'Something went wrong', 'Drop your file here',
  // Raw Qonto codes (operation types, statuses, sides) that must be shown in French
  'income', 'transfer', 'card', 'direct_debit', 'qonto_fee', 'cheque', 'recall', 'swift_income',
  'SETTLED', 'PENDING', 'DECLINED', 'REVERSED', 'CREDIT', 'DEBIT',
  // English months and days (the date picker)
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday',
  // Interpolation placeholders left unfilled
  '{{',
]
