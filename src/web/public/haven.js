// Progressive enhancement only: every page works without this file. Loaded as a module, so it
// runs once the page is parsed, and from a file, so the strict Content-Security-Policy holds.
import { initAll } from './govuk-frontend.min.js';

document.body.classList.add('js-enabled');
if ('noModule' in HTMLScriptElement.prototype) document.body.classList.add('govuk-frontend-supported');
initAll();
