# Why something was refused: the domain's reasons (radgestmat_domain::Reason), `reason-<code>`.
# The API says them in English; keep these texts stable, clients may show them.

reason-must-not-be-empty = must not be empty
reason-too-long = must be at most { $max } characters
reason-control-characters = must not hold control characters (such as a NUL byte or, outside notes, a line break)
reason-too-short = must be at least { $min } characters
reason-easy-to-guess = is too easy to guess (a common password, a word, a sequence or the account’s own name): a few unrelated words make a good one
reason-too-many-bytes = must be at most { $max } bytes
reason-not-an-email = must be an e-mail address such as nom@exemple.tn
reason-too-many-addresses = must hold at most { $max } addresses
reason-not-an-id = must be a positive id
reason-not-ids = must be positive ids
reason-negative = must not be negative
reason-cost-too-high = must be at most { $max } dinars
reason-before-purchase = must not be before the purchase date
reason-year-range = must fall between the years { $min } and { $max }
reason-must-not-be-in-the-future = must not be in the future
reason-must-be-in-the-future = must be in the future
reason-tag-length = must be 1 to 32 characters
reason-tag-characters = may contain only letters, digits, '-', '_' and '.'
reason-code-characters = may contain only letters, digits, '-' and '_'
reason-username-shape = must be 3 to 64 characters among a-z, 0-9, '.', '_' and '-'
reason-one-of = must be one of { $names }
reason-sort-one-of = must be one of { $names } (prefix - to reverse)
reason-limit-range = must be a number from 1 to { $max }
reason-true-or-false = must be true or false
reason-unknown-parameter = unknown parameter
reason-day-or-instant = must be a date (2026-11-21) or an instant (2026-11-21T08:30:00Z)
reason-not-a-cursor = is not a cursor returned by this list
reason-json-object = must be a JSON object
reason-malformed = { $detail }
reason-threshold-range = must be between 0 and 3650
reason-port-range = must be between 1 and 65535
reason-not-a-server-name = must be a server name such as smtp.magasin.tn
reason-required-to-send = is required to send e-mails
reason-required-with-password = is required with a password
reason-not-http = must be an http:// or https:// address
reason-positive-whole-number = must be a positive whole number
reason-not-valid = is not a valid value
reason-date-example = must be a date such as 2026-11-21
reason-amount-example = must be an amount such as 1234.500
reason-must-be-chosen = must be chosen
reason-assigned-by-check-out = an asset becomes assigned only through a check-out
reason-no-holder = give the employee (or the location) receiving the asset
reason-both-holders = give an employee or a location, not both
reason-confirm-open-ended = no return date: tick “No return date” to hand it over for good, or give a date
reason-choose-employee = choose the employee who receives the asset
reason-empty-kit = give at least one asset
reason-kit-too-big = at most { $max } assets at once
reason-named-twice = { $tag } is named twice
reason-no-asset = asset { $key } not found
reason-no-such = no { $what } with id { $id }
reason-location-elsewhere = the location is not in the asset's site
reason-inactive = { $who } is inactive
reason-check-in-first = the asset is checked out: check it in first
reason-checked-out-stays = { $tag } is checked out: check it in to change where it is
reason-not-available = { $tag } { $status ->
        [assigned] is already checked out
        [in_repair] is in repair
        [lost] is reported lost
       *[retired] is retired
    }: only an asset in stock can be checked out
reason-already-out = { $tag } is already checked out
reason-not-out = { $tag } is not checked out
reason-not-in-repair = { $tag } is not in repair: only an asset in repair comes back from repair
reason-not-audit-reminder = alert { $id } is not a live audit reminder
reason-not-out-status = { $tag } is not checked out: it is { $status ->
        [in_stock] in stock
        [in_repair] in repair
        [lost] reported lost
       *[retired] retired
    }
reason-retire-instead = asset { $tag } has { $count ->
        [one] an assignment
       *[other] { $count } assignments
    } in its history: retire it instead of deleting it
reason-still-used = this { $entity } is still used by { $count } { $label }
reason-still-holds = { $who } still holds { $count } { $count ->
        [one] asset
       *[other] assets
    }: { $tags }; check them in first, or force the change (admin)
reason-last-admin = this is the last enabled administrator: name another one first
reason-username-taken = this username is already taken
reason-wrong-password = is not your current password
reason-no-matricule = no employee has the matricule { $matricule }
reason-employee-has-account = this employee already has a user account
reason-tag-used = this asset tag is already used
reason-serial-used = this serial number is already registered for this manufacturer
reason-asset-already-out = the asset is already checked out
reason-duplicate = a record with these values already exists
reason-problem-already-reported = a problem with this asset is already reported (alert { $id }): the IT service has it
reason-alert-already = alert { $id } is already { $state }
reason-changed-elsewhere = the asset was changed by someone else meanwhile: check the fields and save again
reason-try-again-in = too many attempts: try again in { $seconds } s
reason-stale = the record was changed by someone else (current version { $current })
reason-no-smtp-server = no SMTP server is saved in Administration → Notifications: save one first
reason-secret-other-key = the { $secret } of the notification settings cannot be read: it was sealed with another secret key ({ $fingerprint }); an administrator must enter it again (Administration → Notifications)
reason-secret-damaged = the { $secret } of the notification settings cannot be read: it is damaged; an administrator must enter it again (Administration → Notifications)
reason-backdate-staff = only admin and IT staff may date a check-out in the past
reason-loan-alerts-only = the reception desk handles loan alerts only
reason-override-admin = only an administrator may force a change
reason-demo-needs-empty = the database already holds sites: demo data goes into an empty database
reason-restore-needs-empty = restore needs an empty database: this one holds data
reason-not-a-backup = { $file } is not a RadGestMat backup
reason-unsupported-archive = unsupported archive format { $format } version { $version }
reason-other-schema = the archive has schema { $archive } (RadGestMat { $app_version }), this version schema { $here }: restore it with that version, then upgrade
reason-unexpected-line = unexpected line in the archive: { $line }
reason-truncated = the archive is truncated: no manifest
reason-nul-in-row = table { $table }, row { $key }: column { $column } holds a NUL character, which PostgreSQL cannot store; remove it in the source database (docs/en/backups.md, “From SQLite to PostgreSQL”) and take the backup again

## Imports
reason-file-empty = the file has no header line
reason-blank-header = column { $column } has no header
reason-duplicate-header = the header “{ $name }” names columns { $first } and { $again }
reason-unreadable-line = line { $line } cannot be read: { $detail }
reason-no-sheet = { $detail }
reason-old-excel = an Excel 97–2003 workbook (.xls): save it as .xlsx or as CSV, then upload it again
reason-field-twice = the columns “{ $first }” and “{ $again }” both fill { $field }: the second is left out
reason-unknown-field = the column “{ $header }” is mapped to { $field }, which is no field of an asset
reason-missing-column = the file has no column for { $field }
reason-unknown-named = no { $what } is named “{ $name }” (tick “create missing” to create it)
reason-ambiguous-named = several records of kind { $what } are named “{ $name }”: use a unique name or code
reason-new-model-needs = to create the model “{ $name }”, the row needs its category and manufacturer
reason-new-location-needs-site = to create the location “{ $name }”, the row needs its site
reason-tag-twice-in-file = this asset tag is already on line { $line } of the file
reason-serial-twice-in-file = this serial number is already on line { $line } of the file
reason-status-unknown = unknown status “{ $value }” (in stock, assigned, in repair, lost, retired, or Snipe-IT's labels)
reason-assigned-needs-holder = an assigned asset needs its holder (column “Détenteur” or “Checked Out To”)
reason-holder-of-unavailable = an asset that is { $status } cannot be checked out to a holder
reason-import-has-errors = { $count ->
    [one] 1 row is in error: correct the file, or commit with “skip rows in error”
   *[other] { $count } rows are in error: correct the file, or commit with “skip rows in error”
}
reason-import-not-checked = this import is { $state }: only a checked import can be committed
reason-import-row-failed = line { $line }: { $detail }; nothing was imported

## Labels
reason-too-many-assets = at most { $max } assets at once: narrow the selection
reason-no-asset-selected = no asset is selected
reason-url-too-long = the address { $url } is too long for a QR code that still reads on a label: shorten RADGESTMAT_PUBLIC_URL
reason-not-code128 = the tag { $tag } holds “{ $character }”, which a Code 128 barcode cannot carry: choose the QR code
reason-start-past-sheet = a sheet has { $per_sheet } labels: the start position must be between 1 and { $per_sheet }
reason-bulk-refused = { $tag }: { $detail }; nothing was changed

## Custom fields
reason-custom-key-shape = lower case letters, digits and _, starting with a letter (imei, mac_address)
reason-format-of-text = only a text field has a format
reason-list-needs-options = a list needs its options
reason-not-a-mac-address = must be a MAC address such as AA:BB:CC:DD:EE:FF
reason-not-an-imei = must be an IMEI: 15 digits whose last is its check digit
reason-not-a-number = must be a number such as 24 or 2.5
reason-one-of-options = must be one of { $names }
reason-custom-kind-expected = must be a value of kind { $kind }
reason-no-custom-field = the asset's category has no field “{ $key }”
reason-unknown-custom-field = no custom field is called “{ $key }”
reason-custom-value-used = this value is already the one of { $tag }
reason-custom-value-shared = { $tags } have the same value “{ $value }”: correct one of them before making the field unique
reason-changed-since-check = { $tag } was changed since the dry run: check the file again
reason-record-exists = { $what } “{ $key }” is already registered (choose “update” or “create or update” to change it)
reason-no-record = no { $what } “{ $key }” is registered (choose “create” or “create or update” to add it)
reason-key-twice-in-file = this record is already on line { $line } of the file
reason-role-unknown = unknown role “{ $value }” (admin, it, reception, direction, employee, or their French names)
reason-yes-or-no = write yes or no (oui / non, 1 / 0)
reason-sheet-full = a sheet holds at most { $max } rows: narrow the filter, or export as CSV
reason-value-twice-in-file = this value is already on line { $line } of the file
