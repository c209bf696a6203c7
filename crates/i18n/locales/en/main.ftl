## Frame
skip-to-content = Skip to content
nav-label = Main navigation
nav-dashboard = Dashboard
nav-assets = Assets
nav-checkout = Check out
nav-checkin = Check in
nav-alerts = Alerts
find-label = Find an asset (tag, name, holder)
find-placeholder = Tag or name…
nav-menu = Menu
nav-logout = Sign out
language = Language
empty = Nothing to show.
actions = Actions
role-admin = administrator
role-it = IT
role-reception = reception
role-direction = management
role-employee = employee

## Sign-in
login-title = Sign in
login-username = Username
login-password = Password
login-submit = Sign in
login-hint = Forgot your password? Ask an administrator to change it.
login-failed = Invalid username or password.
login-locked = Too many failed attempts from this device: sign-in is locked, try again in { $minutes } min.
login-slowed = This account is getting many failed attempts: wait { $seconds } s before trying again.

## Errors
error-home = Back to the dashboard
error-reference = Request reference:
error-400-title = Bad request
error-400-text = The request could not be understood.
error-403-title = Access denied
error-403-text = Your role does not allow this page or this action. Ask an administrator if you need it.
error-404-title = Page not found
error-404-text = This page does not exist, or no longer does.
error-500-title = Internal error
error-500-text = Something went wrong on our side. Try again; if it happens again, give the reference below to the IT service.
error-503-title = Service unavailable
error-503-text = The database does not answer. Try again in a moment.

## Dashboard
dashboard-title = Dashboard
dashboard-figures = Key figures
dashboard-value = purchase value of the equipment in service
dashboard-in-service = assets in service
dashboard-overdue = overdue loans
dashboard-warranties = warranties ending within 30 days
dashboard-by-status = Assets by status
dashboard-alerts = Open alerts by severity
dashboard-by-site = Assets in service by site
dashboard-by-category = Assets in service by category
dashboard-all-sites = { $count ->
    [one] See the site
   *[other] See all { $shown } sites
}
dashboard-no-site = (no site)
dashboard-no-category = (no category)
dashboard-due-overdue = Overdue
dashboard-due-overdue-none = No loan is overdue.
dashboard-due-today = Due today
dashboard-due-today-none = No return due today.
dashboard-due-this_week = Due this week
dashboard-due-this_week-none = No return due in the next seven days.
dashboard-returns = Returns due
dashboard-mine = My equipment
dashboard-mine-empty = You hold no equipment at the moment.
mine-intro = What you hold, as the IT service recorded it. Confirm you received what was handed to you; report a problem and the IT service hears of it.
mine-no-employee = Your account is linked to no employee: ask an administrator to link it to your matricule to see your equipment here.
mine-since = Handed over on
mine-no-due = no return date
mine-receipt = Receipt
mine-received = received
mine-not-received = to confirm
mine-acknowledge = I received this
mine-report = Report a problem
mine-report-note = What is wrong?
mine-report-hint = The IT service gets your message as an alert and gets back to you.
mine-report-send = Send to the IT service
mine-received-done = Thank you: your receipt is recorded.
mine-reported-done = Your report has been sent to the IT service.

## Statuses
status-in_stock = In stock
status-assigned = Assigned
status-in_repair = In repair
status-lost = Lost
status-retired = Retired

## Assets
asset-tag = Asset tag
asset-name = Name
loan-holder = Holder
loan-due = Due back
loan-since = since
loan-overdue = overdue
loan-note-out = Note at check-out
loan-condition = Returned

## Common
all = All
search = Search
filters = Filters
filter = Filter
sort = Sort by
sort-asset_tag = Asset tag
sort-name = Name
sort-updated_at = Last change
sort-warranty_end = Warranty end
sort-purchase_date = Purchase date
pages = Pages
page-first = ← First page
page-next = Next page →
save = Save
cancel = Cancel
edit = Edit
choose = — Choose —
note = Note
select = Select
export-xlsx = Export to Excel
export-csv = Export as CSV
form-errors = { $count ->
    [one] One field needs correcting.
   *[other] { $count } fields need correcting.
}

## Register
assets-title = Assets
assets-columns = Columns
assets-count = { $count ->
    [one] { $shown } asset
   *[other] { $shown } assets
}
assets-none = No asset matches these criteria.
assets-search-hint = Asset tag, serial number, name, model…
assets-file-name = assets
asset-new = New asset
asset-created = Asset registered.
asset-saved = Changes saved.
asset-retired = Asset retired.
asset-marked-lost = Asset reported lost.
asset-serial = Serial number
asset-model = Model
asset-category = Category
asset-manufacturer = Manufacturer
asset-status = Status
asset-site = Site
asset-custom-of = Fields of the category { $category }
asset-custom = Custom fields
asset-location = Location
asset-location-hint = The locations of the chosen site; choosing a location chooses its site.
asset-supplier = Supplier
asset-order = Order number
asset-purchase-date = Purchase date
asset-cost = Purchase cost
asset-warranty = Warranty end
asset-notes = Notes
asset-last-audit = Last audit
asset-tag-hint = Leave empty to have one generated (KIT-000123).
asset-holder = Current holder
asset-state-in_stock = In stock: nobody holds it.
asset-state-assigned = Assigned.
asset-state-in_repair = In repair since { $since }.
asset-state-lost = Reported lost on { $since }.
asset-state-retired = Retired on { $since }: it no longer goes out.
asset-repaired = Back from repair
asset-repaired-note = What was repaired (optional)
asset-repaired-done = Back from repair: the asset is in stock again.
asset-facts = Record
asset-alerts = Live alerts
asset-loans = Assignment history
asset-no-loans = Never assigned.
asset-still-out = still out
asset-changed-since = What changed since you opened the form:
asset-tag-holder = This tag belongs to:
asset-history = Change log
history-asset-create = Registered by { $actor }.
history-asset-update = Edited by { $actor }.
history-asset-retire = Retired by { $actor }.
history-asset-delete = Deleted by { $actor }.
history-asset-checkout = { $dated ->
        [yes] Lent to { $holder } by { $actor }, due back on { $due }.
       *[no] Handed to { $holder } by { $actor }, with no return date.
    }
history-asset-checkin = Returned by { $holder } ({ $condition }), recorded by { $actor }.
history-asset-lost = Reported lost by { $actor }.
history-asset-audit = Seen in a physical audit by { $actor }.
history-asset-import = Imported by { $actor }.
history-asset-received = Receipt confirmed by { $actor }.
history-asset-problem = Problem reported by { $actor }.
history-other = { $action } by { $actor }.
history-note = Note
history-raw = Recorded data
asset-end-of-life = End of life
asset-retire = Retire
asset-mark-lost = Report lost
asset-confirm-retire = I confirm: the asset keeps its history but can no longer be lent.

## Desk: check-out and check-in
desk-tag = Asset tag (typed or scanned)
desk-tag-hint = Scan the label: the scanner types the tag and presses Enter.
desk-find = Find
desk-camera = Scan with the camera
desk-no-such-tag = No asset has the tag { $tag }.
desk-already-out = { $tag } is already out: held by { $holder } since { $since }.
desk-not-available = { $tag } is not available: { $status }.
desk-not-out = { $tag } is not out ({ $status }): nothing to check in.
desk-checkin-refused = This check-in could not be recorded: the asset is no longer out.
desk-go-checkin = Record its return
desk-see-asset = See the record
checkout-title = Check out an asset
checkout-step-asset = Asset
checkout-step-employee = Employee and due date
checkout-step-confirm = Confirmation
checkout-employee-search = Employee (name or staff number)
checkout-employee = Employee receiving the asset
checkout-nobody = No active employee matches.
checkout-more = More employees match: type more of the name, or the matricule.
checkout-choose = Several employees match: choose the right one (matricule, department, site).
checkout-open-ended = No return date (handed over for good, not a loan)
checkout-due = Due back on
checkout-due-hint = Keep the date offered for a one-week loan; the asset is expected back by 6 pm.
checkout-confirm = Confirm the check-out
checkout-done = { $tag } was handed to { $holder }.
checkin-title = Check in an asset
checkin-condition = Condition on return
condition-ok = Good
condition-damaged = Damaged
condition-broken = Broken
checkin-confirm = Record the return
checkin-done = Return of { $tag } recorded.
checkin-now = Status:

## Alerts
alerts-title = Alerts
alerts-bulk-all = { $count ->
    [one] Apply to the alert of the filter
   *[other] Apply to the { $shown } alerts of the filter, not only those ticked
}
alerts-bulk-action = action: expected acknowledge or resolve
alerts-own-site = the alerts of your site, { $site }.
alerts-all-sites = See every site
alert-seen = Audited: seen today
alert-seen-hint = The asset is where the register has it: the audit is recorded today and the alert closes.
alert-seen-done = Audit recorded: the alert closes.
alerts-count = { $count ->
    [one] { $shown } alert
   *[other] { $shown } alerts
}
alerts-none = No alert.
alerts-live = To handle (open and acknowledged)
alerts-select-all = Select all
alerts-acknowledge-selected = Acknowledge selected
alerts-resolve-selected = Resolve selected
alerts-bulk-note-required = To resolve alerts, give a resolution note.
alerts-done-acknowledged = { $count ->
    [one] { $count } alert acknowledged.
   *[other] { $count } alerts acknowledged.
}
alerts-done-resolved = { $count ->
    [one] { $count } alert resolved.
   *[other] { $count } alerts resolved.
}
alerts-done-failed = { $count } refused: already handled or outside your role.
alert-kind = Kind
alert-severity = Severity
alert-message = Message
alert-opened = Opened
alert-state = State
alert-state-open = open
alert-state-acknowledged = acknowledged
alert-state-resolved = resolved
alert-acknowledge = Acknowledge
alert-acknowledge-hint = Tells colleagues someone is on it.
alert-acknowledged = Alert acknowledged.
alert-resolve = Resolve the alert
alert-resolved = Alert resolved.
alert-resolution-note = Resolution note
alert-auto = automatically: the condition ended

## Employees
nav-employees = Employees
nav-audit = Audit log
nav-admin = Administration
yes = yes
no = no
employees-title = Employees
employees-count = { $count ->
    [one] { $shown } employee
   *[other] { $shown } employees
}
employees-none = No employee matches.
employees-search-hint = Name, staff number…
employee-name = Name
employee-matricule = Staff number
employee-department = Department
employee-email = E-mail
employee-active = Active
employee-inactive = left
employee-holds = Equipment held
employee-holds-nothing = Holds no equipment.
employee-no-history = No past assignment.
employee-leaver = Leaver: return everything
employee-leaver-hint = Records the return of everything held at once (all or nothing).
employee-leaver-submit = Record the return of everything
employee-leaver-confirm = I confirm the return of everything this employee holds.
employee-leaver-done = { $count ->
    [one] { $count } return recorded.
   *[other] { $count } returns recorded.
}

## Audit log
audit-title = Audit log
audit-verify = Verify the chain
audit-verify-ok = Chain intact: { $checked } entries verified ({ $pending } waiting to be sealed).
audit-verify-broken = Chain broken from entry { $id } on: the log was altered. Tell management.
audit-entity = Object
entity-alert = Alerts
entity-alert_rule = Alert rules
entity-asset = Assets
entity-assignment = Assignments
entity-audit = Audit log
entity-auth = Sign-ins
entity-category = Categories
entity-custom_field = Custom fields
entity-import = Imports
entity-department = Departments
entity-employee = Employees
entity-location = Locations
entity-manufacturer = Manufacturers
entity-model = Models
entity-settings = Settings
entity-site = Sites
entity-supplier = Suppliers
entity-token = API tokens
entity-user = User accounts
audit-action = Action
audit-from = From
audit-to = To
audit-at = Date
audit-actor = By
audit-details = Details
audit-sealed = Sealed
audit-none = No entry.

## Profile
profile-title = My profile
profile-name = Display name
profile-role = Role
profile-password-hint = At least 10 characters, hard to guess. Your other sessions close and your API tokens are revoked; this session stays open.
profile-password = Password
profile-password-current = Current password
profile-password-new = New password
profile-password-change = Change my password
profile-password-done = Password changed: your other sessions are closed and your tokens revoked.
profile-tokens = API tokens
profile-tokens-hint = For a script or a networked scanner: send the token in the Authorization: Bearer header.
profile-token-name = Token name
profile-token-expires = Expires on (optional)
profile-token-create = Create a token
profile-token-once = Copy this token now: it will never be shown again.
profile-token-revoke = Revoke
profile-token-revoke-confirm = Revoke this token? Whatever uses it will stop working.
profile-token-revoked = revoked on
profile-token-until = valid until
profile-tokens-none = No token.
profile-token-last-used = last used
profile-token-never = never
admin-user-tokens-hint = This account’s tokens (scripts, scanners). A new password or disabling the account revokes them all.

## Administration
admin-reference = Reference data
admin-settings = Accounts and settings
admin-sites = Sites
admin-locations = Locations
admin-departments = Departments
admin-employees = Employees (records)
admin-categories = Categories
admin-manufacturers = Manufacturers
admin-models = Models
admin-suppliers = Suppliers
admin-custom-fields = Custom fields
admin-users = Users and roles
admin-alert-rules = Alert rules and recipients
admin-alert-rules-hint = A rule applies from the next detection run (every 15 minutes by default). Recipients get, besides the site's IT contacts, one e-mail per alert or a digest.
admin-add = Add
admin-delete = Delete
admin-delete-confirm = Delete this record? Not possible while it is still used.
admin-done-created = Record created.
admin-done-saved = Changes saved.
admin-done-deleted = Record deleted.
admin-user-new = New account
admin-user-new-password = New password (optional)
admin-user-employee = Employee (matricule)
admin-user-employee-hint = The account belongs to this employee: their “My equipment” page lists what they hold. Leave empty for a service account.
admin-user-link-by-email = Without a matricule, link to the employee with the same e-mail address
admin-user-password-hint = At least 10 characters, and not easy to guess (a few unrelated words make a good one). Changing the password ends the account's sessions and revokes its tokens.
admin-user-state = State
admin-user-enabled = enabled
admin-user-disabled = disabled
admin-user-disable = Disable the account (its sessions end, its tokens are revoked)
admin-rule-enabled = Rule enabled
admin-rule-threshold = Threshold
admin-rule-recipients = More recipients (one e-mail per line)
admin-rule-borrower = Tell the borrower too
unit-hours = hours
unit-days = days
unit-months = months
unit-unused = —
field-code = Code
field-name = Name
field-kind = Kind
field-city = City
field-it_contacts = IT contacts (one e-mail per line)
field-site_id = Site
field-last_name = Last name
field-first_name = First name
field-matricule = Staff number
field-email = E-mail
field-department_id = Department
field-active = Active
field-category_id = Category
field-manufacturer_id = Manufacturer
field-model_number = Manufacturer reference
field-phone = Phone
field-key = Key (in files and the API, e.g. imei)
field-required = Required
field-unique = Unique value
field-format = Format
field-options = The list's choices (one per line)
choice-text = Text
choice-number = Number
choice-date = Date
choice-list = List
choice-boolean = Yes / no
choice-mac_address = MAC address
choice-imei = IMEI
choice-head_office = Head office
choice-warehouse = Warehouse
choice-store = Store
confirm-missing = Nothing was done: tick the confirmation box.

admin-notifications = Notifications (e-mail, webhook)
notif-done-reset = Settings cleared: the server's environment variables apply again.
notif-source-environment = Nothing saved here: the server's environment variables apply (RADGESTMAT_SMTP_URL, RADGESTMAT_WEBHOOK_URL…). Saving this form replaces them.
notif-source-database = Settings saved here on { $at }; they replace the server's environment variables. The background worker applies them from the next delivery.
notif-email = E-mails (SMTP)
notif-email-hint = Leave the server empty to send no e-mail.
notif-smtp-host = SMTP server
notif-smtp-security = Connection security
notif-security-starttls = STARTTLS (port 587)
notif-security-tls = TLS from the start (port 465)
notif-security-none = None (local relay, port 25)
notif-smtp-port = Port
notif-smtp-port-hint = Empty: the usual port of the chosen security.
notif-smtp-username = Username
notif-smtp-password = Password
notif-secret-unset = None saved.
notif-secret-set = Saved and encrypted; never shown again. Leave the field empty to keep it.
notif-secret-unreadable = Saved with another secret key (RADGESTMAT_SECRET_KEY changed): enter it again; nothing is sent until then.
notif-secret-remove = Remove the saved value
notif-smtp-from = Sender
notif-webhook = Webhook
notif-webhook-hint = Each batch of new alerts is sent as JSON (POST) to this address, signed with the secret (header X-RadGestMat-Signature).
notif-webhook-url = Webhook address
notif-webhook-secret = Signing secret
notif-language = Language of the notifications
notif-language-fr = French
notif-language-en = English
notif-reset = Back to the environment variables
notif-reset-confirm = Clear these settings and go back to the server's environment variables?
notif-test = Test e-mail
notif-test-to = Recipient's address
notif-test-send = Send now
notif-test-sent = The SMTP server accepted the test e-mail for { $to }.
notif-test-refused = The test e-mail did not go out: { $answer }
notif-test-bad-address = Enter an e-mail address such as name@example.tn.

## The kinds of record, as sentences name them (in the reasons of a refusal)
term-asset = asset
term-site = site
term-location = location
term-department = department
term-employee = employee
term-category = category
term-manufacturer = manufacturer
term-model = model
term-supplier = supplier
term-user_account = user account
term-locations = { $count ->
        [one] location
       *[other] locations
    }
term-employees = { $count ->
        [one] employee
       *[other] employees
    }
term-assets = { $count ->
        [one] asset
       *[other] assets
    }
term-assignments = { $count ->
        [one] assignment
       *[other] assignments
    }
term-models = { $count ->
        [one] model
       *[other] models
    }
term-custom_field = custom field
term-custom_fields = { $count ->
        [one] custom field
       *[other] custom fields
    }
term-user_accounts = { $count ->
        [one] user account
       *[other] user accounts
    }
term-smtp_password = SMTP password
term-webhook_secret = webhook secret

## Imports
import-title = Import an inventory
import-upload = Upload a file
import-intro = Bring in what you already have (assets, employees, locations, models, user accounts): an Excel workbook, a CSV file from a spreadsheet or a Snipe-IT export. It is checked first (a dry run that writes nothing); you see what each row would do, then you import.
import-file = File
import-file-hint = An Excel workbook (.xlsx) or a CSV file, UTF-8 or Windows-1252 (Excel's “CSV”), separated by ; , or tabs. French headers, our field names and Snipe-IT's are recognised.
import-sheet = Sheet (Excel workbook)
import-sheet-hint = Empty: the first sheet.
import-mode = What the rows do
import-mode-create = Register new ones
import-mode-update = Update those registered (by asset tag, matricule, name or username)
import-mode-upsert = Both: update those that exist, register the others
import-date-order = Dates such as 03/04/25
import-day-first = Day first (3 April 2025)
import-month-first = Month first (March 4, 2025: Snipe-IT)
import-create-missing = Create missing categories, manufacturers, models, suppliers, sites, locations and departments
import-create-missing-hint = Unticked, a row naming an unknown model, site or department is an error.
import-check = Check the file
import-recent = Latest imports
import-none = No import yet.
import-state = State
import-when = Uploaded
import-state-queued = waiting to be checked
import-state-checking = being checked
import-state-checked = checked, ready to import
import-state-committed = imported
import-state-failed = cannot be imported
import-checking = Checking the file…
import-progress = { $count ->
    [one] { $shown } row checked
   *[other] { $shown } rows checked
}
import-problems = Why this file cannot be imported
import-committed = Imported
import-dry-run = Dry run: nothing written yet
import-to-create = To register
import-to-update = To update
import-unchanged = Unchanged
import-in-error = In error
import-errors-block = Rows in error stop the import. Correct the file and upload it again, or import the other rows and leave these out.
import-skip-errors = Leave the rows in error out
import-commit = Import
import-first-errors = Rows in error
import-error-report = Download the error report (CSV)
import-line = Line
import-column = Column
import-error = Error
import-mapping = Columns
import-mapping-hint = What each column of the file fills. Change a choice and check the file again.
import-field = Field
import-left-out = (left out)
import-check-again = Check again with these choices
import-field-asset_tag = Asset tag
import-field-name = Name
import-field-serial = Serial number
import-field-model = Model
import-field-model_number = Model number
import-field-category = Category
import-field-manufacturer = Manufacturer
import-field-site = Site
import-field-location = Location
import-field-supplier = Supplier
import-field-order_number = Order number
import-field-purchase_date = Purchase date
import-field-purchase_cost = Purchase cost
import-field-warranty_months = Warranty (months)
import-field-warranty_end = Warranty end
import-field-status = Status
import-field-notes = Notes
import-field-holder = Holder (matricule or name)
import-field-holder_username = Holder's username
import-field-holder_email = Holder's e-mail
import-field-holder_first_name = Holder's first name
import-field-holder_last_name = Holder's last name
import-field-holder_location = Checked out to a location
import-field-expected_checkin = Expected return
import-field-last_audit = Last inventory
import-field-matricule = Matricule
import-field-first_name = First name
import-field-last_name = Last name
import-field-email = E-mail
import-field-department = Department
import-field-active = Active (yes / no)
import-field-username = Username
import-field-display_name = Display name
import-field-role = Role
import-field-employee = Employee (matricule)
import-field-password = First password
import-kind = What the file holds
import-kind-assets = Assets
import-kind-employees = Employees
import-kind-locations = Locations
import-kind-models = Models
import-kind-users = User accounts
import-created = Registered
import-updated = Updated
import-left-aside = Left out (in error)

## Labels
labels-title = Print labels
labels-one = Label
labels-back = Back
labels-none = No asset is selected: choose them in the asset list (its filters), then print.
labels-count = { $count ->
    [one] { $shown } label to print.
   *[other] { $shown } labels to print.
}
labels-no-public-url = RADGESTMAT_PUBLIC_URL is not set: the QR codes will open the address this page was opened at. Set it to the address your users open before printing labels for good.
labels-layout = Sheet or printer
labels-layout-avery_l7651 = A4 sheet Avery L7651 (65 labels, 38.1 × 21.2 mm)
labels-layout-avery_l7160 = A4 sheet Avery L7160 (21 labels, 63.5 × 38.1 mm)
labels-layout-brother_62 = Brother, 62 mm roll (one label per page)
labels-layout-dymo_54x25 = Dymo 54 × 25 mm (one label per page)
labels-code = Code
labels-code-qr = QR code: a phone's camera opens the asset
labels-code-code128 = Code 128 barcode of the tag: for the desk's scanner
labels-start = Start at label number
labels-start-hint = On a partly used sheet: the first free label, counted left to right, then top to bottom.
labels-print = Open the PDF

## Bulk changes
bulk-title = Change the selection
bulk-all = { $count ->
    [one] the { $shown } asset of this filter
   *[other] all { $shown } assets of this filter
}
bulk-custom = Custom field
bulk-custom-value = Its value
bulk-custom-hint = Empty: the value is removed.
bulk-keep = (unchanged)
bulk-clear = (none)
bulk-preview-button = Preview the change
bulk-labels = Labels of the selection
bulk-preview = { $count ->
    [0] Nothing would change.
    [one] { $shown } asset would change; nothing is written until you apply.
   *[other] { $shown } assets would change; nothing is written until you apply.
}
bulk-apply = { $count ->
    [one] Apply to { $shown } asset
   *[other] Apply to { $shown } assets
}
bulk-done = { $count ->
    [one] { $shown } asset changed.
   *[other] { $shown } assets changed.
}
bulk-changes = What changes
bulk-field = Field
bulk-before = Before
bulk-after = After

## Exports
employee-last-name = Last name
employee-first-name = First name
assignment-checked-out = Handed over
assignment-returned = Returned
assignment-note = Note
audit-ip = Address
alerts-file-name = alerts
employees-file-name = employees
assignments-file-name = assignments
audit-file-name = audit-log
export-loans = Loans and hand-overs

## The scanner
nav-scan = Scan
scan-title = Scan a tag
scan-unknown = No asset has the tag { $tag }.
scan-seen = Seen here (inventory)
scan-seen-done = { $tag } recorded as seen. Scan the next one.
