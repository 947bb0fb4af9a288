# leaders.awk -- reads `qpdf --qdf --object-streams=disable` output of a
# brief PDF and measures each contents leader: a dashed line ("x1 y m",
# "x2 y l", "S" under a non-empty dash array) followed by the page number,
# whose position is the first Td after BT (absolute, as BT resets the text
# matrix). Prints one line per leader: "gap G rise D" where G is the number's
# x minus the leader's end x, D the number's baseline minus the leader's y.
$NF == "d" { dashed = ($1 != "[]") }
$NF == "m" { mx = $1; my = $2 }
$NF == "l" { lx = $1; ly = $2 }
$NF == "S" { pending = dashed && ly == my }
$NF == "BT" { bt = 1 }
$NF == "ET" { bt = 0 }
$NF == "Td" {
	if (bt && pending)
		printf "gap %.2f rise %.2f\n", $1 - lx, $2 - ly
	bt = pending = 0
}
