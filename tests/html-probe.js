// html-probe.js -- measures a rendered plg-report page in headless Chromium.
// tests/html-check.sh appends it in a <script> to a test copy of the report
// (the report itself has no script) and reads the result from --dump-dom:
// between a begin and an end marker, one line per problem, then "probe:
// done N svg".
(function () {
	var out = [], svgs = document.querySelectorAll("svg"), i, j, k;
	var figs = document.querySelectorAll("figure"), shown = 0, hidden = 0;
	var tol = 1.5;		// user units a glyph may stick out

	function label(s) {
		var t = s.querySelector("title");
		return t ? t.textContent.slice(0, 60) : "(untitled svg)";
	}
	// a chart comes in a wide and a narrow layout; CSS shows one
	for (i = 0; i < figs.length; i++) {
		var vis = 0, cs = figs[i].querySelectorAll("svg.chart");
		for (j = 0; j < cs.length; j++)
			if (getComputedStyle(cs[j]).display !== "none")
				vis++;
		if (cs.length > 0 && vis !== 1)
			out.push(vis + " charts showing in figure: " +
			    label(cs[0]));
	}
	for (i = 0; i < svgs.length; i++) {
		var s = svgs[i], r = s.getBoundingClientRect();
		var vb = s.viewBox && s.viewBox.baseVal;
		if (getComputedStyle(s).display === "none") {
			hidden++;
			continue;
		}
		shown++;
		if (!(r.width > 0 && r.height > 0))
			out.push("zero-size svg: " + label(s));
		if (!vb || !(vb.width > 0 && vb.height > 0)) {
			out.push("svg without viewBox: " + label(s));
			continue;
		}
		var texts = s.querySelectorAll("text"), boxes = [];
		for (j = 0; j < texts.length; j++) {
			var b = texts[j].getBBox();
			if (b.width === 0 && texts[j].textContent.trim() === "")
				continue;
			if (b.x < vb.x - tol || b.y < vb.y - tol ||
			    b.x + b.width > vb.x + vb.width + tol ||
			    b.y + b.height > vb.y + vb.height + tol)
				out.push("text outside the chart: '" +
				    texts[j].textContent + "' in " + label(s));
			boxes.push({ b: b, t: texts[j].textContent });
		}
		for (j = 0; j < boxes.length; j++)
			for (k = j + 1; k < boxes.length; k++) {
				var a = boxes[j].b, c = boxes[k].b;
				var w = Math.min(a.x + a.width, c.x + c.width) -
				    Math.max(a.x, c.x);
				var h = Math.min(a.y + a.height, c.y + c.height) -
				    Math.max(a.y, c.y);
				if (w > 2 && h > 3)
					out.push("overlapping labels: '" +
					    boxes[j].t + "' and '" + boxes[k].t +
					    "' in " + label(s));
			}
	}
	if (document.documentElement.scrollWidth > window.innerWidth + 1)
		out.push("page wider than the window: " +
		    document.documentElement.scrollWidth + " > " +
		    window.innerWidth);
	out.push("probe: done " + shown + " svg shown, " + hidden + " hidden");
	var pre = document.createElement("pre");
	pre.id = "probe";
	// the markers are built so that this source does not contain them
	pre.textContent = "\n" + "PROBE" + "-BEGIN\n" + out.join("\n") +
	    "\n" + "PROBE" + "-END\n";
	document.body.appendChild(pre);
})();
