# Alerts and their notifications: the rules' names, the severities, what an alert says, the
# e-mails. `{ $date }` is already written the language's way.

kind-loan_due_soon = Loan due soon
kind-loan_overdue = Loan overdue
kind-warranty_expiring = Warranty ending soon
kind-warranty_expired = Warranty ended
kind-audit_due = Audit due
kind-in_repair_too_long = In repair too long
kind-problem_reported = Problem reported
kind-lost_asset = Asset lost

severity-info = information
severity-warning = warning
severity-critical = critical

alert-text-loan_due_soon = The loan of { $tag } ({ $name }) to { $holder } is due back on { $date }.
alert-text-loan_overdue = { $tag } ({ $name }), lent to { $holder }, was due back on { $date }.
alert-text-warranty_expiring = The warranty of { $tag } ({ $name }) ends on { $date }.
alert-text-warranty_expired = The warranty of { $tag } ({ $name }) ended on { $date }.
alert-text-audit_due = { $tag } ({ $name }) has not been audited since { $date }.
alert-text-in_repair_too_long = { $tag } ({ $name }) has been in repair since { $date }.
alert-text-lost_asset = { $tag } ({ $name }) has been reported lost since { $date }.
alert-text-problem_reported = { $holder } reports a problem with { $tag } ({ $name }): “{ $note }”

email-alert-subject = [RadGestMat] { $kind }: { $tag }
email-alert-opened = An alert has just opened.
email-opened-on = Opened on
email-number = n°
email-digest-subject = [RadGestMat] { $count } new alerts
email-digest-subject-critical = [RadGestMat] { $count } new alerts, { $critical } critical
email-digest-intro = These alerts have just opened:
email-digest-more = … and { $more } more
email-footer = Sent by RadGestMat: you are an IT contact of the site, a recipient of the rule or the borrower.
email-test-subject = [RadGestMat] Test e-mail
email-test-body =
    { $by } asked for this test e-mail in Administration → Notifications.

    If it reached you, RadGestMat's alerts will reach you too.
