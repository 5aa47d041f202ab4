import { Settings } from 'luxon';

// Same as production: processes run in UTC and luxon throws on invalid input.
process.env.TZ = 'UTC';
Settings.throwOnInvalid = true;
