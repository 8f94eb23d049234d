-- Drives Neovim's built-in LSP client (0.7+: vim.lsp.start_client) against `techspec lsp --stdio`, headless, and
-- writes what it saw as JSON to $TECHSPEC_NVIM_OUT. Run by neovim.clients.ts: nvim --headless -u NONE -c 'luafile …'.
local out = {}
local function finish()
  local file = io.open(os.getenv('TECHSPEC_NVIM_OUT'), 'w')
  file:write(vim.fn.json_encode(out))
  file:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  local root = os.getenv('TECHSPEC_ROOT')
  local spec = os.getenv('TECHSPEC_SPEC')
  local client_id = vim.lsp.start_client({
    name = 'techspec',
    cmd = { os.getenv('TECHSPEC_NODE'), os.getenv('TECHSPEC_BIN'), 'lsp', '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'repo' } },
  })
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/' .. spec))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)
  local function techspec_diagnostics(code)
    local found = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local lsp = d.user_data and d.user_data.lsp or {}
      local c = d.code or lsp.code
      if code == nil or c == code then
        table.insert(found, { code = c, lnum = d.lnum, col = d.col, end_col = d.end_col, source = d.source })
      end
    end
    return found
  end

  -- 1. The flaw's diagnostic arrives, with its range and code.
  out.arrived = vim.wait(30000, function() return #techspec_diagnostics('encoding-artifacts') > 0 end, 50)
  out.before = techspec_diagnostics('encoding-artifacts')
  out.all_codes = {}
  for _, d in ipairs(techspec_diagnostics(nil)) do table.insert(out.all_codes, d.code) end

  -- 2. The quick fix is offered for that line and applied to the buffer.
  local client = vim.lsp.get_client_by_id(client_id)
  local target = out.before[1]
  if target then
    local response = client.request_sync('textDocument/codeAction', {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      range = { start = { line = target.lnum, character = target.col }, ['end'] = { line = target.lnum, character = target.end_col } },
      context = { diagnostics = {} },
    }, 10000, buf)
    out.actions = {}
    local chosen
    for _, action in ipairs((response and response.result) or {}) do
      table.insert(out.actions, action.title)
      if chosen == nil and action.kind == 'quickfix' and action.title:sub(1, 5) == 'Fix: ' then chosen = action end
    end
    if chosen then
      vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16')
      out.applied = chosen.title
      out.line_after = vim.api.nvim_buf_get_lines(buf, target.lnum, target.lnum + 1, false)[1]
      -- 3. The server re-lints the changed buffer and the diagnostic goes.
      out.gone = vim.wait(30000, function() return #techspec_diagnostics('encoding-artifacts') == 0 end, 50)
      out.after = techspec_diagnostics('encoding-artifacts')
    end
  end

  -- 4. Completion of a rule path under Standards Compliance.
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local line_no
  for i, text in ipairs(lines) do
    if text:find('.kilocode/rules/testing.md', 1, true) then line_no = i - 1 end
  end
  if line_no then
    local response = client.request_sync('textDocument/completion', {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      position = { line = line_no, character = 3 },
    }, 60000, buf)
    local result = response and response.result or {}
    out.completion = {}
    for _, item in ipairs(result.items or result) do
      table.insert(out.completion, { label = item.label, detail = item.detail })
    end
  end
  client.stop()
end)
if not ok then out.error = tostring(err) end
finish()
