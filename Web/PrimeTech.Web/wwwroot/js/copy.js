// Copy buttons (FRONTEND_HANDOFF §7): a button with data-copy="<element id>" copies that element's
// text to the clipboard and announces "Copied" in the page's live region. Without JavaScript (or
// without a clipboard) the buttons stay hidden and the key can be selected by hand.
document.addEventListener("DOMContentLoaded", function () {
    if (!navigator.clipboard || !navigator.clipboard.writeText) return;
    var status = document.querySelector("[data-copy-status]");
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
            var source = document.getElementById(button.getAttribute("data-copy"));
            if (!source) return;
            var text = source.textContent.trim();
            navigator.clipboard.writeText(text).then(function () {
                if (status) {
                    status.textContent = "";
                    window.setTimeout(function () { status.textContent = "Copied"; }, 50);
                }
            }, function () {
                if (status) status.textContent = "Copying did not work. Select the key and copy it yourself.";
            });
        });
    });
});
