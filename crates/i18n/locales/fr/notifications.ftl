# Les alertes et leurs notifications : le nom des règles, les gravités, ce que dit une alerte,
# les courriels. `{ $date }` est déjà écrite à la manière de la langue.

kind-loan_due_soon = Prêt à rendre bientôt
kind-loan_overdue = Prêt en retard
kind-warranty_expiring = Garantie bientôt échue
kind-warranty_expired = Garantie échue
kind-audit_due = Inventaire à faire
kind-in_repair_too_long = Réparation trop longue
kind-problem_reported = Problème signalé
kind-lost_asset = Matériel perdu

severity-info = information
severity-warning = attention
severity-critical = critique

alert-text-loan_due_soon = Le prêt de { $tag } ({ $name }) à { $holder } est à rendre le { $date }.
alert-text-loan_overdue = { $tag } ({ $name }), prêté à { $holder }, devait être rendu le { $date }.
alert-text-warranty_expiring = La garantie de { $tag } ({ $name }) se termine le { $date }.
alert-text-warranty_expired = La garantie de { $tag } ({ $name }) a pris fin le { $date }.
alert-text-audit_due = { $tag } ({ $name }) n'a pas été inventorié depuis le { $date }.
alert-text-in_repair_too_long = { $tag } ({ $name }) est en réparation depuis le { $date }.
alert-text-lost_asset = { $tag } ({ $name }) est déclaré perdu depuis le { $date }.
alert-text-problem_reported = { $holder } signale un problème avec { $tag } ({ $name }) : « { $note } »

email-alert-subject = [RadGestMat] { $kind } : { $tag }
email-alert-opened = Une alerte vient de s'ouvrir.
email-opened-on = Ouverte le
email-number = n°
email-digest-subject = [RadGestMat] { $count } nouvelles alertes
email-digest-subject-critical = [RadGestMat] { $count } nouvelles alertes, dont { $critical ->
        [one] 1 critique
       *[other] { $critical } critiques
    }
email-digest-intro = Ces alertes viennent de s'ouvrir :
email-digest-more = … et { $more } autres
email-footer = Message envoyé par RadGestMat : vous êtes contact informatique du site, destinataire de la règle ou emprunteur du matériel.
email-test-subject = [RadGestMat] Courriel d'essai
email-test-body =
    Ce courriel d'essai a été demandé par { $by } depuis Administration → Notifications.

    S'il vous parvient, les alertes de RadGestMat vous parviendront aussi.
