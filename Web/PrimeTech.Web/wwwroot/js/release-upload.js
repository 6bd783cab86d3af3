// Release upload (FRONTEND_HANDOFF §3.5, §7): sends the form to the admin API with XMLHttpRequest so
// the page can show upload progress, then reloads the page with a message; a refusal is shown as
// the error summary and field errors, like every other form.
document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("release-upload");
    if (!form) return;
    form.hidden = false;

    var progress = form.querySelector("[data-upload-progress]");
    var bar = progress.querySelector("progress");
    var status = document.getElementById("upload-status");
    var button = form.querySelector("button[type=submit]");
    var summaryHost = document.querySelector("[data-upload-summary]");
    var fieldOrder = ["version", "notes", "file"];

    function megabytes(bytes) {
        return (bytes / 1000000).toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + " MB";
    }

    function clearErrors() {
        summaryHost.innerHTML = "";
        form.querySelectorAll(".field-error").forEach(function (e) { e.remove(); });
        fieldOrder.forEach(function (name) {
            var input = document.getElementById(name);
            input.removeAttribute("aria-invalid");
            input.setAttribute("aria-describedby", name + "-hint");
        });
    }

    function showErrors(errors, general) {
        var summary = document.createElement("div");
        summary.className = "error-summary";
        summary.setAttribute("role", "alert");
        summary.setAttribute("tabindex", "-1");
        summary.setAttribute("aria-labelledby", "error-summary-title");
        var heading = document.createElement("h2");
        heading.id = "error-summary-title";
        heading.textContent = "There is a problem";
        var list = document.createElement("ul");
        summary.appendChild(heading);
        summary.appendChild(list);

        fieldOrder.forEach(function (name) {
            (errors[name] || []).slice(0, 1).forEach(function (message) {
                var item = document.createElement("li");
                var link = document.createElement("a");
                link.href = "#" + name;
                link.textContent = message;
                item.appendChild(link);
                list.appendChild(item);

                var input = document.getElementById(name);
                var error = document.createElement("p");
                error.className = "field-error";
                error.id = name + "-error";
                var hidden = document.createElement("span");
                hidden.className = "visually-hidden";
                hidden.textContent = "Error:";
                error.appendChild(hidden);
                error.appendChild(document.createTextNode(" " + message));
                input.parentNode.insertBefore(error, input);
                input.setAttribute("aria-invalid", "true");
                input.setAttribute("aria-describedby", name + "-hint " + name + "-error");
            });
        });
        if (general) {
            var item = document.createElement("li");
            item.textContent = general;
            list.appendChild(item);
        }
        summaryHost.appendChild(summary);
        document.title = "Error: " + document.title.replace(/^Error: /, "");
        summary.focus();
    }

    form.addEventListener("submit", function (event) {
        event.preventDefault();
        clearErrors();
        var version = document.getElementById("version").value.trim();
        var data = new FormData();
        data.append("version", document.getElementById("version").value);
        data.append("notes", document.getElementById("notes").value);
        data.append("channel", document.getElementById("channel").value);
        var file = document.getElementById("file").files[0];
        if (file) data.append("file", file, file.name);

        var request = new XMLHttpRequest();
        request.open("POST", form.getAttribute("data-upload-url"));
        request.setRequestHeader("Accept", "application/json");
        request.upload.addEventListener("progress", function (e) {
            if (!e.lengthComputable) return;
            var percent = Math.floor(e.loaded / e.total * 100);
            bar.value = percent;
            status.textContent = "Uploaded " + percent + "% (" + megabytes(e.loaded) + " of " + megabytes(e.total) + ")";
        });
        request.addEventListener("load", function () {
            button.disabled = false;
            if (request.status === 201) {
                bar.value = 100;
                status.textContent = "Uploaded 100%. Saving…";
                window.location.assign(form.getAttribute("data-done-url") + "?uploaded=" + encodeURIComponent(version));
                return;
            }
            progress.hidden = true;
            var problem = {};
            try { problem = JSON.parse(request.responseText); } catch (e) { problem = {}; }
            if (request.status === 413) {
                showErrors({ file: ["The file must be smaller than " + form.getAttribute("data-max-size")] });
            } else if (problem.errors) {
                showErrors(problem.errors);
            } else {
                showErrors({}, problem.detail || "The upload did not work. Try again.");
            }
        });
        request.addEventListener("error", function () {
            button.disabled = false;
            progress.hidden = true;
            showErrors({}, "The upload was interrupted. Check your connection and try again.");
        });

        button.disabled = true;
        bar.value = 0;
        status.textContent = "Uploaded 0%";
        progress.hidden = false;
        request.send(data);
    });
});
