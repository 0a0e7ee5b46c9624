-- Argo CD health check for keysmith.dev ApiKey (docs/gitops.md explains each status).
local hs = {}

local function condition(conditionType)
  if obj.status.conditions == nil then
    return nil
  end
  for _, c in ipairs(obj.status.conditions) do
    if c.type == conditionType then
      return c
    end
  end
  return nil
end

local function messageOf(c, fallback)
  if c ~= nil and c.message ~= nil and c.message ~= "" then
    return c.message
  end
  return fallback
end

if obj.status == nil or obj.status.observedGeneration == nil
    or (obj.metadata.generation ~= nil and obj.status.observedGeneration < obj.metadata.generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe the latest spec"
  return hs
end

local ready = condition("Ready")
local phase = obj.status.phase
if phase == "Active" and ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = messageOf(ready, "Active")
elseif phase == "Revoked" then
  -- Revocation is what spec.revoked: true declares, not a failure.
  hs.status = "Healthy"
  hs.message = "Revoked as declared by spec.revoked: " .. messageOf(ready, "the credential was destroyed")
elseif phase == "Suspended" then
  hs.status = "Suspended"
  hs.message = messageOf(ready, "The channel is inactive")
elseif phase == "Expired" then
  -- Whoever uses the key has lost access: renew it (spec.expiresAt) or remove it from Git.
  hs.status = "Degraded"
  hs.message = messageOf(ready, "The key expired")
elseif phase == "Failed" then
  hs.status = "Degraded"
  hs.message = messageOf(ready, "The key's spec must change")
else
  -- Pending (waiting on its channel, its namespace's admission or the quota), or not decided yet.
  hs.status = "Progressing"
  hs.message = messageOf(ready, "Waiting for the operator")
end
return hs
