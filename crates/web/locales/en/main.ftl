## Frame
skip-to-content = Skip to content
nav-label = Main navigation
nav-dashboard = Dashboard
nav-assets = Assets
nav-checkout = Check out
nav-checkin = Check in
nav-alerts = Alerts
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
login-locked = Too many failed attempts: sign-in is locked, try again in { $minutes } min.

## Errors
error-home = Back to the dashboard
error-reference = Request reference:
error-400-title = Bad request
error-400-text = The request could not be understood.
error-403-title = Access denied
error-403-text = Your role does not allow this page or this action. The refusal has been recorded.
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
dashboard-no-site = (no site)
dashboard-no-category = (no category)
dashboard-due-today = Returns due today and overdue
dashboard-nothing-due = No return due today.
dashboard-mine = My equipment
dashboard-mine-empty = You hold no equipment at the moment.

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

## Common
all = All
search = Search
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
export-csv = Export as CSV
form-errors = { $count ->
    [one] One field needs correcting.
   *[other] { $count } fields need correcting.
}

## Register
assets-title = Assets
assets-count = { $count } assets
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
asset-location = Location
asset-supplier = Supplier
asset-order = Order number
asset-purchase-date = Purchase date
asset-cost = Purchase cost
asset-warranty = Warranty end
asset-notes = Notes
asset-last-audit = Last audit
asset-tag-hint = Leave empty to have one generated (KIT-000123).
asset-holder = Current holder
asset-not-out = In stock: nobody holds it.
asset-facts = Record
asset-alerts = Live alerts
asset-loans = Assignment history
asset-no-loans = Never assigned.
asset-still-out = still out
asset-history = Change log
asset-end-of-life = End of life
asset-retire = Retire
asset-mark-lost = Report lost
asset-confirm-retire = Confirm? The asset keeps its history but can no longer be lent.

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
alerts-count = { $count } alerts
alerts-none = No alert.
alerts-live = To handle (open and acknowledged)
alerts-select-all = Select all
alerts-acknowledge-selected = Acknowledge selected
alerts-resolve-selected = Resolve selected
alerts-bulk-note-required = To resolve alerts, give a resolution note.
alerts-done-acknowledged = { $count } alert(s) acknowledged.
alerts-done-resolved = { $count } alert(s) resolved.
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
