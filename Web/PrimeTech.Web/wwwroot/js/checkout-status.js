// /checkout/success: while the payment is being confirmed, asks for the order every 2 seconds for
// up to a minute and reloads the page when its status changes; after that, says it is taking
// longer than usual. Without JavaScript the page has a "Check again" link.
document.addEventListener("DOMContentLoaded", function () {
    var region = document.getElementById("checkout-status");
    if (!region || region.getAttribute("data-status") !== "PendingPayment") return;
    var order = region.getAttribute("data-order");
    var started = Date.now();

    function slow() {
        var pending = region.querySelector("[data-pending]");
        var message = region.querySelector("[data-slow]");
        if (pending) pending.hidden = true;
        if (message) message.hidden = false;
    }

    function next() {
        if (Date.now() - started >= 60000) slow();
        else window.setTimeout(poll, 2000);
    }

    function poll() {
        fetch("/api/orders/" + encodeURIComponent(order), { headers: { "Accept": "application/json" }, credentials: "same-origin" })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (body) {
                if (body && body.status && body.status !== "PendingPayment") window.location.reload();
                else next();
            }, next);
    }

    window.setTimeout(poll, 2000);
});
