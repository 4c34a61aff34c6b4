Feature: Customer settings
  GET /customers/settings reads the account's customer settings and PUT
  replaces them. A fresh account has the defaults: customer_ids are UUIDs,
  HEAD /customers/users is disabled, phone numbers must be unique and MFA is
  off. PUT validates the whole document first (a 400 lists every violation
  and changes nothing), then stores it with the defaults filled in for what
  it leaves out, and answers with the result. Settings a later PUT leaves
  out are gone.

  The settings take effect at once: users.head.enabled opens HEAD
  /customers/users, users.phone_number_validation.allow_duplicates lets
  customers share a phone number, users.customer_id_format "sequence" numbers
  new customers 1, 2, 3 …, tokens.event_expiry gives token events of a
  status an expires_at, and auto_tokens makes tokens from a customer's email
  or phone number.

  Background:
    Given I am authenticated as "admin-client"

  # GET and PUT /customers/settings

  Scenario: A fresh account has the default settings
    When I GET "/customers/settings"
    Then the response status is 200
    And the response body is:
      """
      {"users": {"customer_id_format": "uuid",
                 "head": {"enabled": false},
                 "phone_number_validation": {"allow_duplicates": false},
                 "mfa": {"enabled": false,
                         "login": {"challenge_type": "oob", "oob_channel": "sms"},
                         "login_recovery": {"challenge_type": "oob", "oob_channel": "sms"}}}}
      """

  Scenario: Update the settings
    When I PUT "/customers/settings" with body:
      """
      {"users": {"customer_id_format": "sequence",
                 "head": {"enabled": true},
                 "phone_number_validation": {"allow_duplicates": true},
                 "mfa": {"enabled": false,
                         "login": {"challenge_type": "oob", "oob_channel": "sms"},
                         "login_recovery": {"challenge_type": "oob", "oob_channel": "email"}},
                 "verifications": {"phone_number": "sms"}},
       "auto_tokens": {"phone_number": [{"type": "SHA256"}],
                       "email": [{"type": "HMAC-SHA256", "secret": "s3cret"}]},
       "tokens": {"event_expiry": [{"status": "OPT_OUT", "time_to_live": 15780000}]},
       "attributes": [{"name": "shoe_size", "type": "integer", "multiple_values": false, "private": true}]}
      """
    Then the response status is 200
    And the response body is:
      """
      {"users": {"customer_id_format": "sequence",
                 "head": {"enabled": true},
                 "phone_number_validation": {"allow_duplicates": true},
                 "mfa": {"enabled": false,
                         "login": {"challenge_type": "oob", "oob_channel": "sms"},
                         "login_recovery": {"challenge_type": "oob", "oob_channel": "email"}},
                 "verifications": {"phone_number": "sms"}},
       "auto_tokens": {"phone_number": [{"type": "SHA256"}],
                       "email": [{"type": "HMAC-SHA256", "secret": "s3cret"}]},
       "tokens": {"event_expiry": [{"status": "OPT_OUT", "time_to_live": 15780000}]},
       "attributes": [{"name": "shoe_size", "type": "integer", "multiple_values": false, "private": true}]}
      """
    And I keep the response body as "stored"
    When I GET "/customers/settings"
    Then the response status is 200
    And the response body equals the kept "stored"

  Scenario: Settings left out of an update take their defaults
    When I PUT "/customers/settings" with body:
      """
      {"users": {"head": {"enabled": true}},
       "tokens": {"event_expiry": [{"status": "OPT_OUT", "time_to_live": 3600}]}}
      """
    Then the response status is 200
    And the response body is:
      """
      {"users": {"customer_id_format": "uuid",
                 "head": {"enabled": true},
                 "phone_number_validation": {"allow_duplicates": false},
                 "mfa": {"enabled": false,
                         "login": {"challenge_type": "oob", "oob_channel": "sms"},
                         "login_recovery": {"challenge_type": "oob", "oob_channel": "sms"}}},
       "tokens": {"event_expiry": [{"status": "OPT_OUT", "time_to_live": 3600}]}}
      """
    When I GET "/customers/settings"
    Then the response field "users.customer_id_format" is "uuid"
    And the response field "users.head.enabled" is true
    And the response field "users.phone_number_validation.allow_duplicates" is false
    And the response field "users.mfa.enabled" is false

  Scenario: Attribute settings get their documented defaults
    # §8.10: multiple_values and private default to false; decision D29: PUT
    # fills in the defaults and answers the result.
    When I PUT "/customers/settings" with body:
      """
      {"attributes": [{"name": "shoe_size", "type": "integer"},
                      {"name": "allergies", "type": "string", "multiple_values": true}]}
      """
    Then the response status is 200
    And the response field "attributes" is:
      """
      [{"name": "shoe_size", "type": "integer", "multiple_values": false, "private": false},
       {"name": "allergies", "type": "string", "multiple_values": true, "private": false}]
      """
    When I GET "/customers/settings"
    Then the response field "attributes" is:
      """
      [{"name": "shoe_size", "type": "integer", "multiple_values": false, "private": false},
       {"name": "allergies", "type": "string", "multiple_values": true, "private": false}]
      """

  Scenario Outline: An empty settings object stands for the defaults (<body>)
    Given I PUT "/customers/settings" with body:
      """
      {"users": {"customer_id_format": "sequence", "head": {"enabled": true}}}
      """
    When I PUT "/customers/settings" with body:
      """
      <body>
      """
    Then the response status is 200
    And the response body is:
      """
      {"users": {"customer_id_format": "uuid",
                 "head": {"enabled": false},
                 "phone_number_validation": {"allow_duplicates": false},
                 "mfa": {"enabled": false,
                         "login": {"challenge_type": "oob", "oob_channel": "sms"},
                         "login_recovery": {"challenge_type": "oob", "oob_channel": "sms"}}}}
      """
    When I GET "/customers/settings"
    Then the response field "users.head.enabled" is false
    And the response field "users.customer_id_format" is "uuid"

    Examples:
      | body                                                   |
      | {}                                                     |
      | {"users": {}}                                          |
      | {"users": {"head": {}, "phone_number_validation": {}}} |

  Scenario: An update replaces the settings: what it leaves out is gone
    Given I PUT "/customers/settings" with body:
      """
      {"users": {"head": {"enabled": true}},
       "auto_tokens": {"email": [{"type": "SHA256"}]},
       "tokens": {"event_expiry": [{"status": "OPT_OUT", "time_to_live": 3600}]}}
      """
    When I PUT "/customers/settings" with body:
      """
      {"users": {"phone_number_validation": {"allow_duplicates": true}}}
      """
    Then the response status is 200
    And the response has no field "auto_tokens"
    And the response has no field "tokens"
    And the response field "users.head.enabled" is false
    And the response field "users.phone_number_validation.allow_duplicates" is true
    When I GET "/customers/settings"
    Then the response has no field "auto_tokens"
    And the response has no field "tokens"
    And the response field "users.head.enabled" is false
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-1", "email": "john@example.com"}
      """
    Then the response status is 200
    When I GET "/customers/users/c-1/tokens"
    Then the response status is 200
    And the response is a list of 0 items
    When I HEAD "/customers/users?email=john%40example.com"
    Then the response status is 405

  Scenario Outline: Invalid settings are refused and change nothing (<field>)
    Given I PUT "/customers/settings" with body:
      """
      {"users": {"head": {"enabled": true}}}
      """
    And I keep the response body as "before"
    When I PUT "/customers/settings" with body:
      """
      <body>
      """
    Then the response status is 400
    And the error code is "VALIDATION_ERROR"
    And the error lists the body field "<field>"
    When I GET "/customers/settings"
    Then the response status is 200
    And the response body equals the kept "before"

    Examples:
      | body                                                                                            | field                                          |
      | {"users": {"customer_id_format": "random"}}                                                     | users.customer_id_format                       |
      | {"tokens": {"event_expiry": [{"status": "OPT_OUT", "time_to_live": 0}]}}                        | tokens.event_expiry.0.time_to_live             |
      | {"tokens": {"event_expiry": [{"status": "OPT_OUT"}]}}                                           | tokens.event_expiry.0.time_to_live             |
      | {"tokens": {"event_expiry": [{"status": "", "time_to_live": 60}]}}                              | tokens.event_expiry.0.status                   |
      | {"auto_tokens": {"email": [{"type": "HMAC-SHA256"}]}}                                           | auto_tokens.email.0.secret                     |
      | {"auto_tokens": {"phone_number": [{"type": "MD5"}]}}                                            | auto_tokens.phone_number.0.type                |
      | {"attributes": [{"name": "eye_colour", "type": "colour"}]}                                      | attributes.0.type                              |
      | {"attributes": [{"type": "string"}]}                                                            | attributes.0.name                              |
      | {"users": {"head": {"enabled": "yes"}}}                                                         | users.head.enabled                             |
      | {"users": {"phone_number_validation": {"allow_duplicates": 1}}}                                 | users.phone_number_validation.allow_duplicates |
      | {"users": {"mfa": {"enabled": true, "login": {"challenge_type": "oob", "oob_channel": "fax"}}}} | users.mfa.login.oob_channel                    |
      | {"users": {"verifications": {"phone_number": "email"}}}                                         | users.verifications.phone_number               |

  Scenario: Every violation in the settings is listed at once
    When I PUT "/customers/settings" with body:
      """
      {"users": {"customer_id_format": "random"},
       "tokens": {"event_expiry": [{"status": "OPT_OUT", "time_to_live": 0}]},
       "auto_tokens": {"email": [{"type": "HMAC-SHA256"}]},
       "attributes": [{"name": "eye_colour", "type": "colour"}]}
      """
    Then the response status is 400
    And the error lists the body field "users.customer_id_format"
    And the error lists the body field "tokens.event_expiry.0.time_to_live"
    And the error lists the body field "auto_tokens.email.0.secret"
    And the error lists the body field "attributes.0.type"
    When I GET "/customers/settings"
    Then the response field "users.customer_id_format" is "uuid"
    And the response has no field "tokens"

  Scenario: The settings body must be a JSON object
    When I PUT "/customers/settings" with body:
      """
      [{"users": {"head": {"enabled": true}}}]
      """
    Then the response status is 400
    When I GET "/customers/settings"
    Then the response field "users.head.enabled" is false

  # The settings take effect

  Scenario: Enabling HEAD through the API opens HEAD /customers/users
    Given the customers:
      | customer_id | email            |
      | c-1         | john@example.com |
    When I HEAD "/customers/users?email=john%40example.com"
    Then the response status is 405
    When I PUT "/customers/settings" with body:
      """
      {"users": {"head": {"enabled": true}}}
      """
    Then the response status is 200
    When I HEAD "/customers/users?email=john%40example.com"
    Then the response status is 200
    And the response body is empty
    When I PUT "/customers/settings" with body:
      """
      {"users": {"head": {"enabled": false}}}
      """
    And I HEAD "/customers/users?email=john%40example.com"
    Then the response status is 405

  Scenario: Allowing phone duplicates through the API lets customers share a phone number
    Given the customers:
      | customer_id | phone_number |
      | c-1         | +4791234567  |
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-2", "phone_number": "+4791234567"}
      """
    Then the response status is 400
    And the error code is "DUPLICATE"
    When I PUT "/customers/settings" with body:
      """
      {"users": {"phone_number_validation": {"allow_duplicates": true}}}
      """
    Then the response status is 200
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-2", "phone_number": "+4791234567"}
      """
    Then the response status is 200
    And the response field "phone_number" is "+4791234567"
    When I GET "/customers/users?phone_number=%2B4791234567"
    Then the "customer_id" of the response items are "c-1, c-2"

  Scenario: Sequence customer_ids through the API
    When I PUT "/customers/settings" with body:
      """
      {"users": {"customer_id_format": "sequence"}}
      """
    Then the response status is 200
    When I POST "/customers/users" with body:
      """
      {"email": "first@example.com"}
      """
    Then the response status is 200
    And the response field "customer_id" is "1"
    When I POST "/customers/users" with body:
      """
      {"email": "second@example.com"}
      """
    Then the response status is 200
    And the response field "customer_id" is "2"
    When I GET "/customers/users/2"
    Then the response field "email" is "second@example.com"

  Scenario: UUID customer_ids again after the sequence setting is replaced
    Given I PUT "/customers/settings" with body:
      """
      {"users": {"customer_id_format": "sequence"}}
      """
    And I POST "/customers/users" with body:
      """
      {"email": "first@example.com"}
      """
    When I PUT "/customers/settings" with body:
      """
      {}
      """
    And I POST "/customers/users" with body:
      """
      {"email": "second@example.com"}
      """
    Then the response status is 200
    And the response field "customer_id" matches "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"

  @in-process
  Scenario: An event expiry set through the API dates a token event's expires_at
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    When I PUT "/customers/settings" with body:
      """
      {"tokens": {"event_expiry": [{"status": "OPT_OUT", "time_to_live": 15780000}]}}
      """
    Then the response status is 200
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "sha1:email", "value": "a1b79ef1a62d94ffa86b3f3d846df0ee3993af92"},
       "event": {"event": "customer declined signup in store", "status": "OPT_OUT"}}
      """
    Then the response status is 200
    And the response field "status" is "OPT_OUT"
    And the response field "events.0.created_at" is "2026-01-02T03:04:05.000Z"
    And the response field "events.0.expires_at" is "2026-07-03T18:24:05.000Z"

  @in-process
  Scenario: Only events of a status with an expiry get expires_at
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    And I PUT "/customers/settings" with body:
      """
      {"tokens": {"event_expiry": [{"status": "OPT_OUT", "time_to_live": 3600}]}}
      """
    When I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "anonymous", "value": "anon-0001"},
       "event": {"event": "anonymous token", "status": "PENDING"}}
      """
    Then the response status is 200
    And the response field "events.0.created_at" is "2026-01-02T03:04:05.000Z"
    And the response has no field "events.0.expires_at"

  @in-process
  Scenario: An event past the expiry set through the API no longer sets the status
    Given the sandbox clock is frozen at "2026-01-02T03:04:05Z"
    And I PUT "/customers/settings" with body:
      """
      {"tokens": {"event_expiry": [{"status": "OPT_OUT", "time_to_live": 3600}]}}
      """
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "anonymous", "value": "anon-0001"},
       "event": {"event": "customer declined signup in store", "status": "OPT_OUT"}}
      """
    And the response field "events.0.expires_at" is "2026-01-02T04:04:05.000Z"
    When the sandbox clock advances 3599 seconds
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "anonymous", "value": "anon-0001"}}
      """
    Then the response field "status" is "OPT_OUT"
    When the sandbox clock advances 1 second
    And I POST "/customers/tokens/events" with body:
      """
      {"token": {"type": "anonymous", "value": "anon-0001"}}
      """
    Then the response status is 200
    And the response field "status" is "UNKNOWN"

  Scenario: Auto tokens set through the API are made when a customer is created
    When I PUT "/customers/settings" with body:
      """
      {"auto_tokens": {"email": [{"type": "SHA256"}]}}
      """
    Then the response status is 200
    When I POST "/customers/users" with body:
      """
      {"customer_id": "c-1", "email": "john@example.com"}
      """
    Then the response status is 200
    When I GET "/customers/users/c-1/tokens"
    Then the response status is 200
    And the response is a list of 1 item
    And the response field "0.type" is "SHA256"
    And the response field "0.value" is "855f96e983f1f8e8be944692b6f719fd54329826cb62e98015efee8e2e071dd4"

  # Scopes and accounts

  Scenario: A read-only client may read the settings but not change them
    Given I PUT "/customers/settings" with body:
      """
      {"users": {"head": {"enabled": true}}}
      """
    And I keep the response body as "stored"
    And I am authenticated as "read-client"
    When I GET "/customers/settings"
    Then the response status is 200
    And the response body equals the kept "stored"
    When I PUT "/customers/settings" with body:
      """
      {"users": {"customer_id_format": "sequence"}}
      """
    Then the response status is 403
    And the error message is "Forbidden: the token lacks a scope this operation needs"
    When I GET "/customers/settings"
    Then the response body equals the kept "stored"

  Scenario: The public client may read the settings but not change them
    Given I am authenticated as "public-client"
    When I GET "/customers/settings"
    Then the response status is 200
    And the response field "users.customer_id_format" is "uuid"
    When I PUT "/customers/settings" with body:
      """
      {"users": {"head": {"enabled": true}}}
      """
    Then the response status is 403
    When I GET "/customers/settings"
    Then the response field "users.head.enabled" is false

  Scenario: A write client may change the settings
    Given I am authenticated as "write-client"
    When I PUT "/customers/settings" with body:
      """
      {"users": {"head": {"enabled": true}}}
      """
    Then the response status is 200
    And the response field "users.head.enabled" is true

  Scenario: The settings of one account do not touch another
    Given I PUT "/customers/settings" with body:
      """
      {"users": {"customer_id_format": "sequence", "head": {"enabled": true}}}
      """
    And I am authenticated as "admin-client" on the other account
    When I GET "/v1/accounts/{other_aid}/customers/settings"
    Then the response status is 200
    And the response body is:
      """
      {"users": {"customer_id_format": "uuid",
                 "head": {"enabled": false},
                 "phone_number_validation": {"allow_duplicates": false},
                 "mfa": {"enabled": false,
                         "login": {"challenge_type": "oob", "oob_channel": "sms"},
                         "login_recovery": {"challenge_type": "oob", "oob_channel": "sms"}}}}
      """
    When I POST "/v1/accounts/{other_aid}/customers/users" with body:
      """
      {"email": "first@example.com"}
      """
    Then the response field "customer_id" matches "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    When I PUT "/v1/accounts/{other_aid}/customers/settings" with body:
      """
      {"users": {"phone_number_validation": {"allow_duplicates": true}}}
      """
    Then the response status is 200
    Given I am authenticated as "admin-client"
    When I GET "/customers/settings"
    Then the response field "users.customer_id_format" is "sequence"
    And the response field "users.head.enabled" is true
    And the response field "users.phone_number_validation.allow_duplicates" is false

  Scenario: Reading settings needs a token of the account
    Given I send no access token
    When I GET "/customers/settings"
    Then the response status is 401
    And the error code is "unauthorized"
    Given I am authenticated as "admin-client" on the other account
    When I GET "/customers/settings"
    Then the response status is 403
    And the error message is "Forbidden: the token is not valid for this account"
