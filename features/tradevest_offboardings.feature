@tradevest @in-process @offboardings
Feature: Tradevest offboardings on the sandbox clock
  POST /roles/offboardings {roleType, roleId, reason} (Requestor-ID
  required, acting for the role's entity) answers {offboardingId}. The
  offboarding is CREATED, PENDING a second later, and APPROVED on its
  cancellation date: two months on for CANCELLATION_BY_PARTNER_ORDINARY, at
  once for the immediate reasons (a second after PENDING). The customer
  carries the cancellationDate from the start and becomes INACTIVE when the
  offboarding is APPROVED; its proxies follow. Only an ACTIVE, ESTATE,
  SUSPENDED or SUSPENDED_COMPLIANCE customer can be offboarded (409), one
  offboarding at a time (409). DELETE /roles/offboardings/{id} cancels a
  CREATED or PENDING one (CANCELED, 202) and clears the cancellationDate. A
  customer labelled "sandbox-reject-offboarding" has its offboardings
  REJECTED (decision D83).

  Partner sandbox of the default fixtures: Max (…5e01) is the ACTIVE
  customer 9e3b5c2f-…8b01; customer …8b02 (the legal entity) is CREATED.

  Background:
    Given I am authenticated with Tradevest as "sandbox-client" with secret "sandbox-secret"
    And the sandbox clock is frozen at "2030-01-01T09:00:00Z"
    And a webhook receiver is listening
    And I POST "/webhooks" with body:
      """
      {"eventType": "OFFBOARDING_NOTIFICATION", "url": "{receiver_url}"}
      """

  Scenario: An ordinary offboarding takes effect two months on, and the customer's proxies follow
    Given I POST "/roles/proxies" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"proxyType": "INFORMATION_PROXY", "naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02",
       "entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01", "entityType": "NATURAL_PERSON", "validityType": "UNLIMITED"}
      """
    And I save the response field "proxyId" as "proxy"
    When I POST "/roles/offboardings" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "reason": "CANCELLATION_BY_PARTNER_ORDINARY"}
      """
    Then the response status is 200
    And I save the response field "offboardingId" as "off"
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "customerStatus" is "ACTIVE"
    And the response field "cancellationDate" is "2030-03-01T09:00:00.000Z"
    When the sandbox clock advances 58 days
    And I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "customerStatus" is "ACTIVE"
    When the sandbox clock advances 1 day
    And I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "customerStatus" is "INACTIVE"
    And the response field "modifiedOn" is "2030-03-01T09:00:00.000Z"
    When I GET "/roles/proxies/{proxy}"
    Then the response field "proxyStatus" is "INACTIVE"
    And the receiver gets, in order, the notifications:
      """
      [{"offboardingId": "{off}", "roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "reason": "CANCELLATION_BY_PARTNER_ORDINARY",
        "cancellationDate": "2030-03-01T09:00:00.000Z", "status": "CREATED", "modifiedOn": "2030-01-01T09:00:00.000Z", "notificationType": "CREATED"},
       {"offboardingId": "{off}", "roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "reason": "CANCELLATION_BY_PARTNER_ORDINARY",
        "cancellationDate": "2030-03-01T09:00:00.000Z", "status": "PENDING", "modifiedOn": "2030-01-01T09:00:01.000Z", "notificationType": "UPDATED"},
       {"offboardingId": "{off}", "roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "reason": "CANCELLATION_BY_PARTNER_ORDINARY",
        "cancellationDate": "2030-03-01T09:00:00.000Z", "status": "APPROVED", "modifiedOn": "2030-03-01T09:00:00.000Z", "notificationType": "UPDATED"}]
      """
    # An INACTIVE customer cannot be offboarded again.
    When I POST "/roles/offboardings" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "reason": "CUSTOMER_REQUEST_IMMEDIATE"}
      """
    Then the response status is 409

  Scenario: An immediate offboarding takes effect at once
    When I POST "/roles/offboardings" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "reason": "DEATH_IMMEDIATE"}
      """
    Then the response status is 200
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "cancellationDate" is "2030-01-01T09:00:00.000Z"
    When the sandbox clock advances 2 seconds
    And I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "customerStatus" is "INACTIVE"

  Scenario: A running offboarding is cancelled
    Given I POST "/roles/offboardings" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "reason": "CANCELLATION_BY_PARTNER_ORDINARY"}
      """
    And I save the response field "offboardingId" as "off"
    When I POST "/roles/offboardings" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "reason": "CUSTOMER_REQUEST_IMMEDIATE"}
      """
    Then the response status is 409
    When the sandbox clock advances 10 days
    And I DELETE "/roles/offboardings/{off}" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"
    Then the response status is 202
    And the response body is empty
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "cancellationDate" is null
    When the sandbox clock advances 60 days
    And I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "customerStatus" is "ACTIVE"
    When I DELETE "/roles/offboardings/{off}" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"
    Then the response status is 409
    When I DELETE "/roles/offboardings/3f0c6a9e-1b2d-4c5e-8f70-9a1b2c3d4e5f" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"
    Then the response status is 404
    And the response field "errorCode" is "NOT_FOUND"

  Scenario: A customer labelled sandbox-reject-offboarding has its offboarding REJECTED
    Given I PATCH "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"labels": ["sandbox-reject-offboarding"]}
      """
    When I POST "/roles/offboardings" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "reason": "CUSTOMER_REQUEST_IMMEDIATE"}
      """
    Then the response status is 200
    And I save the response field "offboardingId" as "off"
    When the sandbox clock advances 5 seconds
    And I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "customerStatus" is "ACTIVE"
    And the response field "cancellationDate" is null
    And the receiver gets, in order, the notifications:
      """
      [{"offboardingId": "{off}", "roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "reason": "CUSTOMER_REQUEST_IMMEDIATE",
        "cancellationDate": "2030-01-01T09:00:00.000Z", "status": "CREATED", "modifiedOn": "2030-01-01T09:00:00.000Z", "notificationType": "CREATED"},
       {"offboardingId": "{off}", "roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "reason": "CUSTOMER_REQUEST_IMMEDIATE",
        "cancellationDate": "2030-01-01T09:00:00.000Z", "status": "PENDING", "modifiedOn": "2030-01-01T09:00:01.000Z", "notificationType": "UPDATED"},
       {"offboardingId": "{off}", "roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "reason": "CUSTOMER_REQUEST_IMMEDIATE",
        "cancellationDate": "2030-01-01T09:00:00.000Z", "status": "REJECTED", "modifiedOn": "2030-01-01T09:00:02.000Z", "notificationType": "UPDATED"}]
      """

  Scenario Outline: An offboarding with <case> is refused
    When I POST "/roles/offboardings" with the Requestor-ID "<requestor>" and body:
      """
      <body>
      """
    Then the response status is <status>
    And the error details name exactly the fields "<field>"
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "cancellationDate" is null

    Examples:
      | case                 | status | field        | requestor                            | body |
      | an unknown reason    | 400    | reason       | 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01 | {"roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "reason": "BORED"} |
      | an unknown customer  | 400    | roleId       | 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01 | {"roleType": "CUSTOMER", "roleId": "3f0c6a9e-1b2d-4c5e-8f70-9a1b2c3d4e5f", "reason": "CUSTOMER_REQUEST_IMMEDIATE"} |
      | a CREATED requestor  | 400    | Requestor-ID | 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02 | {"roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "reason": "CUSTOMER_REQUEST_IMMEDIATE"} |
      | no reason            | 400    | reason       | 6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01 | {"roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"} |

  Scenario: A CREATED customer cannot be offboarded, and a stranger may not offboard one
    # Customer …8b02 is CREATED; Max does not act for the legal entity.
    When I POST "/roles/offboardings" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b02", "reason": "CUSTOMER_REQUEST_IMMEDIATE"}
      """
    Then the response status is 403
    When I POST "/roles/offboardings" with body:
      """
      {"roleType": "CUSTOMER", "roleId": "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", "reason": "CUSTOMER_REQUEST_IMMEDIATE"}
      """
    Then the response status is 400
    And the error details name exactly the fields "Requestor-ID"

  Scenario: A proxy resigns by its own offboarding
    Given I POST "/roles/proxies" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"proxyType": "INFORMATION_PROXY", "naturalPersonId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02",
       "entityId": "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01", "entityType": "NATURAL_PERSON", "validityType": "UNLIMITED"}
      """
    And I save the response field "proxyId" as "proxy"
    When I POST "/roles/offboardings" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01" and body:
      """
      {"roleType": "PROXY", "roleId": "{proxy}", "reason": "CUSTOMER_REQUEST_IMMEDIATE"}
      """
    Then the response status is 409
    Given I POST "/roles/onboardings" with body:
      """
      {"roleType": "PROXY", "roleId": "{proxy}"}
      """
    And the sandbox clock advances 60 seconds
    When I POST "/roles/offboardings" with the Requestor-ID "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02" and body:
      """
      {"roleType": "PROXY", "roleId": "{proxy}", "reason": "CUSTOMER_REQUEST_IMMEDIATE"}
      """
    Then the response status is 200
    When the sandbox clock advances 2 seconds
    And I GET "/roles/proxies/{proxy}"
    Then the response field "proxyStatus" is "INACTIVE"
    When I GET "/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01"
    Then the response field "customerStatus" is "ACTIVE"
