// The public report's entry: defines the elements; index.html holds <gs-public-report>.
import './public-report.js';
