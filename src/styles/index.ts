export { tokens } from './tokens.js';
export { base, buttons, formControls, visuallyHidden } from './shared.js';
