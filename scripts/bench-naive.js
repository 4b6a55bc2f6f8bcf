// The benchmark's baseline (scripts/bench.ts): Kartoteka's interactive actions written the
// way typical Sheets scripts are — a loop over the rows with getValue per cell, appendRow for
// a new row, setValue per changed cell, one document lock around a whole save — run in the
// same emulator on the same workbook. Plain Apps Script (no build step), positional after
// one look at the header row.

function naiveSheet_(name) {
  return SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name);
}

/** Header text → 1-based column, one getValue per header cell. */
function naiveColumns_(sheet) {
  var columns = {};
  var last = sheet.getLastColumn();
  for (var c = 1; c <= last; c++) columns[String(sheet.getRange(1, c).getValue())] = c;
  return columns;
}

/** The first row (2…) whose cell in `column` equals `value`, reading one cell at a time. */
function naiveFind_(sheet, column, value) {
  var last = sheet.getLastRow();
  for (var r = 2; r <= last; r++) {
    if (String(sheet.getRange(r, column).getValue()) === value) return r;
  }
  return 0;
}

/** A row as an object, one getValue per column. */
function naiveRow_(sheet, columns, row) {
  var record = {};
  for (var header in columns) record[header] = sheet.getRange(row, columns[header]).getValue();
  return record;
}

function naiveSettings_() {
  var sheet = naiveSheet_('Settings');
  var settings = {};
  var last = sheet.getLastRow();
  for (var r = 2; r <= last; r++) {
    settings[String(sheet.getRange(r, 1).getValue())] = String(sheet.getRange(r, 2).getValue());
  }
  return settings;
}

function naiveFirstLoad() {
  var settings = naiveSettings_();
  var sheet = naiveSheet_('Customers');
  var columns = naiveColumns_(sheet);
  var last = sheet.getLastRow();
  var list = [];
  for (var r = 2; r <= last; r++) {
    if (sheet.getRange(r, columns['Archived']).getValue() === true) continue;
    list.push({
      id: sheet.getRange(r, columns['ID']).getValue(),
      name: sheet.getRange(r, columns['Name']).getValue(),
      email: sheet.getRange(r, columns['Email']).getValue(),
      updated: String(sheet.getRange(r, columns['Updated']).getValue()),
    });
  }
  list.sort(function (a, b) {
    return a.updated < b.updated ? 1 : -1;
  });
  return { settings: settings, firstPage: list.slice(0, 25), total: list.length };
}

function naiveSearch(text) {
  var sheet = naiveSheet_('Customers');
  var columns = naiveColumns_(sheet);
  var needle = String(text).toLowerCase();
  var last = sheet.getLastRow();
  var found = [];
  for (var r = 2; r <= last; r++) {
    var name = String(sheet.getRange(r, columns['Name']).getValue());
    var email = String(sheet.getRange(r, columns['Email']).getValue());
    var phone = String(sheet.getRange(r, columns['Phone']).getValue());
    if ((name + ' ' + email + ' ' + phone).toLowerCase().indexOf(needle) >= 0) {
      found.push({ row: r, name: name, email: email });
    }
  }
  return found.slice(0, 25);
}

function naiveLocked_(work) {
  var lock = LockService.getDocumentLock();
  lock.waitLock(30000);
  try {
    return work();
  } finally {
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}

/** An edit as typical scripts write it: one setValue per changed cell. */
function naiveUpdate_(sheet, columns, input, now) {
  var row = naiveFind_(sheet, columns['ID'], input.id);
  if (!row) return { ok: false };
  for (var key in input) {
    if (key !== 'id' && columns[key]) sheet.getRange(row, columns[key]).setValue(input[key]);
  }
  sheet.getRange(row, columns['Updated']).setValue(now);
  return { ok: true };
}

/** A new row as typical scripts add it: appendRow. */
function naiveAppend_(sheet, columns, input, now) {
  var values = [];
  for (var header in columns) values[columns[header] - 1] = '';
  for (var field in input) if (columns[field]) values[columns[field] - 1] = input[field];
  values[columns['ID'] - 1] = Utilities.getUuid();
  values[columns['Created'] - 1] = now;
  values[columns['Updated'] - 1] = now;
  values[columns['Archived'] - 1] = false;
  sheet.appendRow(values);
  return { ok: true };
}

function naiveSaveCustomer(input) {
  return naiveLocked_(function () {
    var sheet = naiveSheet_('Customers');
    var columns = naiveColumns_(sheet);
    var now = new Date().toISOString();
    if (input.id) return naiveUpdate_(sheet, columns, input, now);
    var email = String(input.Email || '').toLowerCase();
    var last = sheet.getLastRow();
    for (var r = 2; r <= last; r++) {
      if (String(sheet.getRange(r, columns['Email']).getValue()).toLowerCase() === email) {
        return { ok: false, duplicate: r };
      }
    }
    return naiveAppend_(sheet, columns, input, now);
  });
}

function naiveSaveDeal(input) {
  var customers = naiveSheet_('Customers');
  var services = naiveSheet_('Services');
  if (
    input['Customer ID'] &&
    !naiveFind_(customers, naiveColumns_(customers)['ID'], input['Customer ID'])
  ) {
    return { ok: false };
  }
  if (
    input['Service ID'] &&
    !naiveFind_(services, naiveColumns_(services)['ID'], input['Service ID'])
  ) {
    return { ok: false };
  }
  return naiveLocked_(function () {
    var sheet = naiveSheet_('Deals');
    var columns = naiveColumns_(sheet);
    var now = new Date().toISOString();
    if (input.id) return naiveUpdate_(sheet, columns, input, now);
    return naiveAppend_(sheet, columns, input, now);
  });
}

/** The rows of a tab whose Customer ID is `id`, each read cell by cell. */
function naiveRelated_(name, id) {
  var sheet = naiveSheet_(name);
  var columns = naiveColumns_(sheet);
  var last = sheet.getLastRow();
  var rows = [];
  for (var r = 2; r <= last; r++) {
    if (String(sheet.getRange(r, columns['Customer ID']).getValue()) === id) {
      rows.push(naiveRow_(sheet, columns, r));
    }
  }
  return rows;
}

function naiveCard(id) {
  var sheet = naiveSheet_('Customers');
  var columns = naiveColumns_(sheet);
  var row = naiveFind_(sheet, columns['ID'], id);
  if (!row) return null;
  return {
    customer: naiveRow_(sheet, columns, row),
    contacts: naiveRelated_('Contacts', id),
    deals: naiveRelated_('Deals', id),
    activities: naiveRelated_('Activity', id),
  };
}

function naiveOpenRecord(tab, id) {
  var sheet = naiveSheet_(tab);
  var columns = naiveColumns_(sheet);
  var row = naiveFind_(sheet, columns['ID'], id);
  return row ? naiveRow_(sheet, columns, row) : null;
}

/** "Set up tabs" as such scripts do it: every column formatted again, every run. */
function naiveSetup(formats) {
  return naiveLocked_(function () {
    for (var tab in formats) {
      var sheet = naiveSheet_(tab);
      var columns = naiveColumns_(sheet);
      var rows = sheet.getMaxRows() - 1;
      for (var header in formats[tab]) {
        var column = columns[header];
        if (!column) continue;
        sheet.getRange(1, column).setFontWeight('bold');
        sheet.getRange(2, column, rows, 1).setNumberFormat(formats[tab][header]);
      }
      sheet.setFrozenRows(1);
    }
    return { ok: true };
  });
}
