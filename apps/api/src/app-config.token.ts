/** Injection token of the validated AppConfig; its own file so controllers need not import the app module. */
export const APP_CONFIG = Symbol('APP_CONFIG');
