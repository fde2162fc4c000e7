-- Diagnostics of one rule (arg[3]) arrive on the example article where they belong:
-- at the expected words, not inside quotes, and at the same places as the CLI's.
local H = dofile(os.getenv('TRUTHLENS_E2E_NVIM') .. '/harness.lua')
local rule = assert(arg[3], 'usage: diagnostics.lua DRAFT OUT RULE')

H.run('diagnostics/' .. rule, function()
  local buf = H.open()
  H.client(buf)
  local diags = H.settled_diagnostics(buf, 'diagnostics on the example article')
  H.write_json('diagnostics.json', diags)

  local mine = vim.tbl_filter(function(d) return H.rule(d) == rule end, diags)
  if #mine == 0 and not vim.tbl_contains(H.expect.asserted, rule) then
    H.skip(('rule %s not landed: the server reports no %s diagnostics (%d others)'):format(rule, rule, #diags))
  end

  for _, e in ipairs(H.expect.findings[rule]) do
    H.check(#H.covering(buf, diags, rule, e.line, e.text) > 0,
      ('no %s diagnostic over %q on line %d; got: %s'):format(rule, e.text, e.line,
        vim.inspect(vim.tbl_map(function(d) return { d.lnum + 1, d.col, d.code } end, mine))))
  end
  for _, q in ipairs(H.expect.quiet) do
    if q.rule == rule then
      H.check(#H.covering(buf, diags, rule, q.line, q.text) == 0,
        ('%q on line %d is inside a quote but was flagged by %s'):format(q.text, q.line, rule))
    end
  end

  -- The server and the CLI run the same analysis: every CLI finding of this rule must
  -- be a diagnostic at the same byte range (this checks the position encoding).
  local text = H.read(H.draft)
  local n = 0
  for _, f in ipairs(H.cli_findings(H.draft)) do
    if f.rule == rule then
      n = n + 1
      local l1, c1 = H.position(text, f.start)
      local l2, c2 = H.position(text, f['end'])
      local hit = vim.tbl_filter(function(d)
        return d.lnum == l1 and d.col == c1 and d.end_lnum == l2 and d.end_col == c2
      end, mine)
      H.check(#hit > 0, ('CLI finding %q at %d:%d has no diagnostic at the same range'):format(
        f.text, f.line, f.column))
    end
  end
  H.check(#mine >= n, ('%d %s diagnostics but the CLI reports %d'):format(#mine, rule, n))
  H.note(('%d %s diagnostics, all at the CLI positions'):format(#mine, rule))
end)
