'use strict';
// Prints every row of every registered view, one line each:
//   <view> <tag>=<value>… count=<n> sum=<s>   (distributions)
//   <view> <tag>=<value>… <value>             (counts)
const census = require('grpc-census');

function printViews(out = process.stdout) {
  for (const view of census.stats.registeredViews()) {
    for (const { tags, data } of census.stats.retrieveData(view)) {
      const labels = Object.entries(tags).map(([k, v]) => `${k}=${v}`).join(' ');
      const value = data.type === 'distribution' ? `count=${data.count} sum=${round(data.sum)}` : String(data.value);
      out.write(`${view.name} ${labels} ${value}\n`);
    }
  }
}

function round(x) {
  return Number.isInteger(x) ? x : x.toFixed(3);
}

module.exports = { printViews };
