/* Mongolian (Cyrillic) messages for Select2 4.0 (the admin's autocomplete boxes), which
   ships none; written in the form of Select2's own i18n files. */
(function () {
  'use strict';
  if (!(window.jQuery && jQuery.fn && jQuery.fn.select2 && jQuery.fn.select2.amd)) {
    return;
  }
  jQuery.fn.select2.amd.define('select2/i18n/mn', [], function () {
    return {
      errorLoading: function () { return 'Үр дүнг ачаалж чадсангүй.'; },
      inputTooLong: function (args) {
        return (args.input.length - args.maximum) + ' тэмдэгт хасна уу.';
      },
      inputTooShort: function (args) {
        return 'Дор хаяж ' + (args.minimum - args.input.length) + ' тэмдэгт оруулна уу.';
      },
      loadingMore: function () { return 'Бусад үр дүнг ачаалж байна…'; },
      maximumSelected: function (args) {
        return 'Хамгийн ихдээ ' + args.maximum + ' зүйл сонгож болно.';
      },
      noResults: function () { return 'Илэрц олдсонгүй.'; },
      searching: function () { return 'Хайж байна…'; },
      removeAllItems: function () { return 'Бүгдийг хасах'; },
      removeItem: function () { return 'Хасах'; },
      search: function () { return 'Хайх'; }
    };
  });
}());
